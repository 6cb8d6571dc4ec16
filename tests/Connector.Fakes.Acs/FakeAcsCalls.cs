using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// The Call Automation side of a <see cref="FakeAcsServer"/>, and the call simulator: rings the Worker through Event
/// Grid (IncomingCall), keeps every call, signs callbacks when <see cref="Services"/> is set, and announces recording
/// files (RecordingFileStatusUpdated) when a recorded call ends.
/// </summary>
public sealed class FakeAcsCalls
{
    private static readonly ConditionalWeakTable<FakeAcsServer, FakeAcsCalls> All = [];

    private readonly ConcurrentDictionary<string, FakeAcsCall> _byConnection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeAcsCall> _byContext = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeAcsCall> _byRecording = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, JsonObject? Body)> _repeated = new(StringComparer.Ordinal);

    private FakeAcsCalls(FakeAcsServer server) => Server = server;

    public FakeAcsServer Server { get; }

    /// <summary>OpenID keys (callbacks are signed when <see cref="SignCallbacks"/>) and recording storage.</summary>
    public FakeAcsCallServices? Services { get; set; }

    public bool SignCallbacks { get; set; } = true;

    /// <summary>Where IncomingCall and RecordingFileStatusUpdated are delivered (the Worker's <c>/webhooks/acs/events?key=…</c>).</summary>
    public Uri? EventGridWebhook { get; set; }

    /// <summary>How long after a request its callbacks follow.</summary>
    public TimeSpan CallbackDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether the customer picks up an outbound call.</summary>
    public bool CustomersAnswer { get; set; } = true;

    public IReadOnlyCollection<FakeAcsCall> Calls => _byConnection.Values.ToList();

    public static FakeAcsCalls Of(FakeAcsServer server) => All.GetValue(server, s => new FakeAcsCalls(s));

    /// <summary>A customer rings <paramref name="to"/>: IncomingCall is delivered through Event Grid; the call waits to be answered.</summary>
    /// <param name="deliveries">Event Grid delivers at least once: the same event this many times.</param>
    public async Task<FakeAcsCall> RingAsync(string from, string to, CancellationToken ct, int deliveries = 1)
    {
        var webhook = EventGridWebhook ?? throw new InvalidOperationException("Set EventGridWebhook first.");
        var call = new FakeAcsCall(this, RawId(from), RawId(to), outbound: false);
        _byContext[call.IncomingCallContext] = call;
        var data = new JsonObject
        {
            ["to"] = Identifier(call.CalleeRawId),
            ["from"] = Identifier(call.CallerRawId),
            ["serverCallId"] = call.ServerCallId,
            ["callerDisplayName"] = "",
            ["incomingCallContext"] = call.IncomingCallContext,
            ["correlationId"] = call.CorrelationId,
        };
        var body = FakeEventGridEvents.Batch(FakeEventGridEvents.Create(
            "Microsoft.Communication.IncomingCall", $"/caller/{call.CallerRawId}/recipient/{call.CalleeRawId}", data));
        for (var i = 0; i < deliveries; i++)
        {
            using var response = await FakeAcsServer.PostEventGridEventsAsync(webhook, body, ct);
            response.EnsureSuccessStatusCode();
        }

        return call;
    }

    public FakeAcsCall? Find(string callConnectionId) => _byConnection.GetValueOrDefault(callConnectionId);

    /// <summary>The call a test waits for: the first one (optionally matching) that exists within the time-out.</summary>
    public async Task<FakeAcsCall> WaitForCallAsync(Func<FakeAcsCall, bool>? match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_byConnection.Values.FirstOrDefault(c => match?.Invoke(c) ?? true) is { } call)
            {
                return call;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No such call in the fake ACS.");
    }

    public static string RawId(string party) => party.StartsWith('+') ? $"4:{party}" : party;

    public static JsonObject Identifier(string rawId) => rawId.StartsWith("4:", StringComparison.Ordinal)
        ? new JsonObject { ["kind"] = "phoneNumber", ["rawId"] = rawId, ["phoneNumber"] = new JsonObject { ["value"] = rawId[2..] } }
        : new JsonObject { ["kind"] = "communicationUser", ["rawId"] = rawId, ["communicationUser"] = new JsonObject { ["id"] = rawId } };

    internal FakeAcsCall? TakeIncoming(string context) => _byContext.TryRemove(context, out var call) ? call : null;

    internal FakeAcsCall CreateOutbound(string target)
    {
        var call = new FakeAcsCall(this, target, "bot", outbound: true);
        return call;
    }

    internal void Register(FakeAcsCall call) => _byConnection[call.CallConnectionId] = call;

    internal void RegisterRecording(string recordingId, FakeAcsCall call) => _byRecording[recordingId] = call;

    internal FakeAcsCall? FindByRecording(string recordingId) => _byRecording.GetValueOrDefault(recordingId);

    /// <summary>A repeatable request already executed: its first answer, so a retry does nothing twice.</summary>
    internal bool TryRepeat(string? requestId, out (int Status, JsonObject? Body) answer)
    {
        answer = default;
        return requestId is { Length: > 0 } && _repeated.TryGetValue(requestId, out answer);
    }

    internal void Remember(string? requestId, int status, JsonObject? body)
    {
        if (requestId is { Length: > 0 })
        {
            _repeated[requestId] = (status, body);
        }
    }

    internal async Task AnnounceRecordingAsync(FakeAcsCall call, string recordingId)
    {
        if (Services is null || EventGridWebhook is null)
        {
            return;
        }

        var documentId = $"0-fake-{Guid.NewGuid():N}";
        var (content, delete) = Services.AddRecording(documentId, RandomNumberGenerator.GetBytes(4096));
        var data = new JsonObject
        {
            ["recordingStorageInfo"] = new JsonObject
            {
                ["recordingChunks"] = new JsonArray(new JsonObject
                {
                    ["documentId"] = documentId,
                    ["index"] = 0,
                    ["endReason"] = "SessionEnded",
                    ["contentLocation"] = content.ToString(),
                    ["metadataLocation"] = content.ToString().Replace("/audio", "/acsmetadata", StringComparison.Ordinal),
                    ["deleteLocation"] = delete.ToString(),
                }),
            },
            ["recordingStartTime"] = FakeAcsJsonBody.Time(DateTimeOffset.UtcNow.AddSeconds(-30)),
            ["recordingDurationMs"] = 30000,
            ["sessionEndReason"] = "CallEnded",
            ["recordingContentType"] = "Audio",
            ["recordingChannelType"] = "Mixed",
            ["recordingFormatType"] = "Mp3",
        };
        var body = FakeEventGridEvents.Batch(FakeEventGridEvents.Create(
            "Microsoft.Communication.RecordingFileStatusUpdated", $"/recording/call/{call.CorrelationId}/serverCallId/{call.ServerCallId}/recordingId/{recordingId}", data));
        using var response = await FakeAcsServer.PostEventGridEventsAsync(EventGridWebhook, body, CancellationToken.None);
    }
}
