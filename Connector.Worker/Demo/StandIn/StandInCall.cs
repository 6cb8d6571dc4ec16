using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Connector.Worker.Demo.StandIn;

/// <summary>
/// One call at the stand-in: who is on it and where its callbacks go. Callbacks leave one at a time, in the order
/// they happened (a pump per call), each with a fresh JWT, as ACS delivers them.
/// </summary>
internal sealed class StandInCall
{
    private static readonly HttpClient Callbacks = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Channel<JsonObject> _outbox = Channel.CreateUnbounded<JsonObject>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StandInCallbackSigning _signing;
    private readonly ILogger _logger;

    public StandInCall(string callerRawId, string calleeRawId, StandInCallbackSigning signing, ILogger logger)
    {
        CallerRawId = callerRawId;
        CalleeRawId = calleeRawId;
        _signing = signing;
        _logger = logger;
        _ = Task.Run(PumpAsync);
    }

    public string CallConnectionId { get; } = Guid.NewGuid().ToString();

    public string ServerCallId { get; } = Convert.ToBase64String(Encoding.UTF8.GetBytes($"aHR0cHM6Ly9kZW1v/{Guid.NewGuid():N}"));

    public string CorrelationId { get; } = Guid.NewGuid().ToString();

    public string IncomingCallContext { get; } = Convert.ToBase64String(Guid.NewGuid().ToByteArray());

    public string CallerRawId { get; }

    public string CalleeRawId { get; }

    public string? CallbackUri { get; set; }

    /// <summary>Everyone on the call besides the connector's own leg.</summary>
    public ConcurrentDictionary<string, byte> Participants { get; } = new(StringComparer.Ordinal);

    public string? LoopingPlayContext { get; set; }

    public bool Ended { get; private set; }

    /// <summary>Completed when someone other than the customer (an agent's line) has joined.</summary>
    public TaskCompletionSource AgentJoined { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public JsonObject Properties(string state) => new()
    {
        ["callConnectionId"] = CallConnectionId,
        ["serverCallId"] = ServerCallId,
        ["correlationId"] = CorrelationId,
        ["callConnectionState"] = state,
        ["callbackUri"] = CallbackUri,
        ["source"] = AcsStandIn.Identifier(CalleeRawId),
        ["targets"] = new JsonArray(AcsStandIn.Identifier(CallerRawId)),
    };

    /// <summary>Queues a callback (<c>Microsoft.Communication.{type}</c>) with the call's ids and ACS's result information.</summary>
    public void Send(string type, string? operationContext, JsonObject? extra = null, int code = 200, int subCode = 0, string message = "")
    {
        var data = new JsonObject
        {
            ["callConnectionId"] = CallConnectionId,
            ["serverCallId"] = ServerCallId,
            ["correlationId"] = CorrelationId,
            ["resultInformation"] = new JsonObject { ["code"] = code, ["subCode"] = subCode, ["message"] = message },
        };
        if (operationContext is not null)
        {
            data["operationContext"] = operationContext;
        }

        foreach (var (name, value) in extra ?? [])
        {
            data[name] = value?.DeepClone();
        }

        _outbox.Writer.TryWrite(new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = $"calling/callConnections/{CallConnectionId}",
            ["type"] = $"Microsoft.Communication.{type}",
            ["data"] = data,
            ["time"] = AcsStandIn.Time(DateTimeOffset.UtcNow),
            ["specversion"] = "1.0",
            ["datacontenttype"] = "application/json",
            ["subject"] = $"calling/callConnections/{CallConnectionId}",
        });
    }

    public void SendParticipantsUpdated() => Send("ParticipantsUpdated", null, new JsonObject
    {
        ["sequenceNumber"] = Interlocked.Increment(ref _sequence),
        ["participants"] = new JsonArray([.. Participants.Keys.Select(p => (JsonNode)new JsonObject
        {
            ["identifier"] = AcsStandIn.Identifier(p),
            ["isMuted"] = false,
            ["isOnHold"] = false,
        })]),
    });

    /// <summary>The call is over for everyone: CallDisconnected is the last callback.</summary>
    public void End()
    {
        if (Ended)
        {
            return;
        }

        Ended = true;
        Participants.Clear();
        Send("CallDisconnected", null);
        _outbox.Writer.TryComplete();
    }

    private int _sequence;

    private async Task PumpAsync()
    {
        await foreach (var callback in _outbox.Reader.ReadAllAsync())
        {
            if (CallbackUri is null)
            {
                continue;
            }

            // Call Automation retries a callback the app did not take; a few tries, then it is logged as lost.
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, CallbackUri)
                {
                    Content = new StringContent(new JsonArray(callback.DeepClone()).ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _signing.IssueToken());
                try
                {
                    using var response = await Callbacks.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }

                    _logger.LogWarning("Callback {Type} of call {CallConnectionId} answered {Status}", callback["type"], CallConnectionId, (int)response.StatusCode);
                }
                catch (HttpRequestException ex)
                {
                    _logger.LogWarning("Callback {Type} of call {CallConnectionId} failed: {Error}", callback["type"], CallConnectionId, ex.Message);
                }

                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }
}
