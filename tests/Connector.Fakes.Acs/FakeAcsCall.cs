using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// One call in the fake Call Automation: its parties, its media operation in progress, its recording, and the
/// callbacks it has sent (in order, one at a time, after the request that caused them has been answered, as ACS
/// does). A test scripts the caller: <see cref="PressAsync"/>, <see cref="StaySilentAsync"/>, <see cref="SayAsync"/>,
/// <see cref="CallerHangsUpAsync"/>; and may redeliver or reorder callbacks.
/// </summary>
public sealed class FakeAcsCall
{
    private static readonly HttpClient Callbacks = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
    private static readonly string[] ToneNames = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private readonly FakeAcsCalls _calls;
    private readonly Channel<Func<Task>> _outbox = Channel.CreateUnbounded<Func<Task>>();
    private readonly ConcurrentQueue<JsonObject> _sent = new();
    private readonly ConcurrentQueue<(string Type, int Status)> _answers = new();
    private readonly List<string> _participants = [];
    private int _toneSequence;
    private ClientWebSocket? _transcription;

    internal FakeAcsCall(FakeAcsCalls calls, string callerRawId, string calleeRawId, bool outbound)
    {
        _calls = calls;
        CallerRawId = callerRawId;
        CalleeRawId = calleeRawId;
        Outbound = outbound;
        _ = Task.Run(PumpAsync);
    }

    public string CallConnectionId { get; } = Guid.NewGuid().ToString();
    public string ServerCallId { get; } = Convert.ToBase64String(Encoding.UTF8.GetBytes($"https://fake-acs/conv/{Guid.NewGuid():N}"));
    public string CorrelationId { get; } = Guid.NewGuid().ToString();
    public string IncomingCallContext { get; } = $"fake-context-{Guid.NewGuid():N}";
    public string CallerRawId { get; }
    public string CalleeRawId { get; }
    public bool Outbound { get; }
    public string? CallbackUri { get; internal set; }
    public bool Answered { get; internal set; }
    public bool Ended { get; private set; }
    public bool HasCognitiveServices { get; internal set; }
    public string? TranscriptionUrl { get; internal set; }
    public bool Transcribing { get; internal set; }
    public string? RecordingId { get; internal set; }
    public string RecordingState { get; internal set; } = "inactive";
    public string? PendingRecognizeContext { get; internal set; }
    public string? LoopingPlayContext { get; internal set; }
    public bool ContinuousDtmf { get; internal set; }

    /// <summary>The next participants:add fails (the agent's line does not answer).</summary>
    public bool NextAddParticipantFails { get; set; }

    /// <summary>The next participants:add rings on: accepted (202) but neither joined nor failed yet, as an invitation within its time-out.</summary>
    public bool NextAddParticipantRings { get; set; }

    public IReadOnlyList<string> Participants
    {
        get
        {
            lock (_participants)
            {
                return _participants.ToList();
            }
        }
    }

    /// <summary>Every callback sent so far, as sent.</summary>
    public IReadOnlyList<JsonObject> SentCallbacks => _sent.ToList();

    /// <summary>What the Worker answered to each callback (type, HTTP status).</summary>
    public IReadOnlyList<(string Type, int Status)> CallbackAnswers => _answers.ToList();

    /// <summary>The caller presses keys: the pending recognize completes with them, or each goes to continuous DTMF.</summary>
    public Task PressAsync(string keys)
    {
        if (PendingRecognizeContext is { } context)
        {
            PendingRecognizeContext = null;
            var tones = new JsonArray([.. keys.Select(k => (JsonNode)Tone(k))]);
            Send("RecognizeCompleted", context, 200, 8514, "Action completed, max digits received.", new JsonObject
            {
                ["recognitionType"] = "dtmf",
                ["dtmfResult"] = new JsonObject { ["tones"] = tones },
            });
            return Task.CompletedTask;
        }

        if (!ContinuousDtmf)
        {
            throw new InvalidOperationException("The caller pressed keys while nothing listened (no recognize, no continuous DTMF).");
        }

        foreach (var key in keys)
        {
            Send("ContinuousDtmfRecognitionToneReceived", "secure-capture", 200, 0, "DTMF tone received successfully.", new JsonObject
            {
                ["tone"] = Tone(key),
                ["sequenceId"] = Interlocked.Increment(ref _toneSequence),
            });
        }

        return Task.CompletedTask;
    }

    /// <summary>The caller presses nothing: the pending recognize fails with the initial-silence time-out (8510).</summary>
    public Task StaySilentAsync()
    {
        var context = PendingRecognizeContext ?? throw new InvalidOperationException("No recognize is pending.");
        PendingRecognizeContext = null;
        Send("RecognizeFailed", context, 400, 8510, "Action failed, initial silence timeout reached.", []);
        return Task.CompletedTask;
    }

    /// <summary>The caller hangs up: CallDisconnected, and the recording file (if any) is announced through Event Grid.</summary>
    public Task CallerHangsUpAsync() => EndAsync();

    /// <summary>A final transcription phrase over the transcription WebSocket (opened on the first phrase).</summary>
    public async Task SayAsync(string speakerRawId, string text, TimeSpan offset, CancellationToken ct)
    {
        if (!Transcribing || TranscriptionUrl is null)
        {
            throw new InvalidOperationException("Transcription is not running on this call.");
        }

        await SendPhraseAsync(speakerRawId, text, offset, ct);
    }

    /// <summary>
    /// A phrase ACS recognized before transcription stopped, delivered on the still-open stream after the stop; then
    /// ACS closes the stream, and the close returns once the Worker has answered it (so it has read the phrase). The
    /// next <see cref="SayAsync"/> after transcription restarts opens a new stream.
    /// </summary>
    public async Task SayAfterStopAndCloseAsync(string speakerRawId, string text, TimeSpan offset, CancellationToken ct)
    {
        if (_transcription is null)
        {
            throw new InvalidOperationException("No transcription stream was opened on this call.");
        }

        await SendPhraseAsync(speakerRawId, text, offset, ct);
        await _transcription.CloseAsync(WebSocketCloseStatus.NormalClosure, "transcription stopped", ct);
        _transcription.Dispose();
        _transcription = null;
    }

    private async Task SendPhraseAsync(string speakerRawId, string text, TimeSpan offset, CancellationToken ct)
    {
        if (TranscriptionUrl is null)
        {
            throw new InvalidOperationException("Transcription is not running on this call.");
        }

        if (_transcription is null)
        {
            _transcription = new ClientWebSocket();
            _transcription.Options.SetRequestHeader("x-ms-call-connection-id", CallConnectionId);
            _transcription.Options.SetRequestHeader("x-ms-call-correlation-id", CorrelationId);
            await _transcription.ConnectAsync(new Uri(TranscriptionUrl), ct);
            await SendSocketAsync(new JsonObject
            {
                ["kind"] = "TranscriptionMetadata",
                ["transcriptionMetadata"] = new JsonObject
                {
                    ["subscriptionId"] = Guid.NewGuid().ToString(),
                    ["locale"] = "en-us",
                    ["callConnectionId"] = CallConnectionId,
                    ["correlationId"] = CorrelationId,
                },
            }, ct);
        }

        await SendSocketAsync(new JsonObject
        {
            ["kind"] = "TranscriptionData",
            ["transcriptionData"] = new JsonObject
            {
                ["text"] = text,
                ["format"] = "display",
                ["confidence"] = 0.9,
                ["offset"] = offset.Ticks,
                ["duration"] = TimeSpan.FromSeconds(2).Ticks,
                ["words"] = new JsonArray(),
                ["participantRawID"] = speakerRawId,
                ["resultStatus"] = "Final",
            },
        }, ct);
    }

    /// <summary>Sends every callback sent so far again, in the same order (ACS delivers at least once).</summary>
    public Task RedeliverAllAsync() => RedeliverAsync(SentCallbacks);

    /// <summary>Delivers these callbacks (e.g. in another order), each as its own delivery.</summary>
    public async Task RedeliverAsync(IEnumerable<JsonObject> callbacks)
    {
        foreach (var callback in callbacks)
        {
            var copy = (JsonObject)callback.DeepClone();
            await _outbox.Writer.WriteAsync(() => DeliverAsync(copy, record: false));
        }
    }

    /// <summary>A callback the test makes up (type without the Microsoft.Communication. prefix).</summary>
    public void Send(string type, string? operationContext, int code, int subCode, string message, JsonObject extra)
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

        foreach (var (name, value) in extra)
        {
            data[name] = value?.DeepClone();
        }

        var callback = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = $"calling/callConnections/{CallConnectionId}",
            ["type"] = $"Microsoft.Communication.{type}",
            ["data"] = data,
            ["time"] = FakeAcsJsonBody.Time(DateTimeOffset.UtcNow),
            ["specversion"] = "1.0",
            ["datacontenttype"] = "application/json",
            ["subject"] = $"calling/callConnections/{CallConnectionId}",
        };
        _outbox.Writer.TryWrite(() => DeliverAsync(callback, record: true));
    }

    /// <summary>Waits until every callback queued so far has been delivered.</summary>
    public async Task DrainAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _outbox.Writer.WriteAsync(() =>
        {
            done.SetResult();
            return Task.CompletedTask;
        });
        await done.Task;
    }

    internal void Join(string rawId)
    {
        lock (_participants)
        {
            if (!_participants.Contains(rawId))
            {
                _participants.Add(rawId);
            }
        }
    }

    internal void Leave(string rawId)
    {
        lock (_participants)
        {
            _participants.Remove(rawId);
        }
    }

    internal void SendParticipantsUpdated()
    {
        var list = new JsonArray([.. Participants.Select(p => (JsonNode)new JsonObject
        {
            ["identifier"] = FakeAcsCalls.Identifier(p), ["isMuted"] = false, ["isOnHold"] = false,
        })]);
        Send("ParticipantsUpdated", null, 200, 0, "", new JsonObject { ["participants"] = list, ["sequenceNumber"] = Interlocked.Increment(ref _toneSequence) });
    }

    internal Task EndAsync()
    {
        if (Ended)
        {
            return Task.CompletedTask;
        }

        Ended = true;
        Send("CallDisconnected", null, 200, 0, "The conversation has ended.", []);
        if (RecordingId is { } recording)
        {
            _outbox.Writer.TryWrite(() => _calls.AnnounceRecordingAsync(this, recording));
        }

        return Task.CompletedTask;
    }

    internal void Enqueue(Func<Task> action) => _outbox.Writer.TryWrite(action);

    private async Task DeliverAsync(JsonObject callback, bool record)
    {
        if (record)
        {
            _sent.Enqueue(callback);
        }

        if (CallbackUri is null)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, CallbackUri)
        {
            Content = new StringContent(new JsonArray(callback.DeepClone()).ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (_calls.Services is { } services && _calls.SignCallbacks)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", services.IssueToken());
        }

        try
        {
            using var response = await Callbacks.SendAsync(request);
            _answers.Enqueue(((string)callback["type"]!, (int)response.StatusCode));
        }
        catch (HttpRequestException)
        {
            _answers.Enqueue(((string)callback["type"]!, 0));
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var action in _outbox.Reader.ReadAllAsync())
        {
            // ACS answers the request first; its callbacks follow.
            await Task.Delay(_calls.CallbackDelay);
            await action();
        }
    }

    private async Task SendSocketAsync(JsonObject message, CancellationToken ct) =>
        await _transcription!.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, ct);

    private static string Tone(char key) => key switch
    {
        >= '0' and <= '9' => ToneNames[key - '0'],
        '#' => "pound",
        '*' => "asterisk",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a DTMF key"),
    };
}
