using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Connector.Worker.Demo.StandIn;

/// <summary>
/// Call Automation (REST spec CallAutomation/stable/2025-05-15): incoming calls rung through Event Grid
/// (IncomingCall), answer and create, media, participants, transfer and hang-up, each answered as ACS answers and
/// followed by the callbacks ACS sends. Everyone invited answers (the agents' lines, the customers called back).
/// Repeatable requests (Repeatability-Request-ID) are done once.
/// </summary>
internal sealed class StandInCalls(AcsStandIn acs)
{
    private static readonly TimeSpan RingTime = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, StandInCall> _byConnection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StandInCall> _ringing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, JsonObject? Body)> _repeated = new(StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder app) => app.MapMethods("/calling/{**rest}", ["GET", "POST", "DELETE"], HandleAsync);

    /// <summary>A customer rings the contact centre: IncomingCall goes to the Worker through Event Grid.</summary>
    public async Task<StandInCall?> RingAsync(string fromPhone, string toPhone, string? displayName, CancellationToken ct)
    {
        var call = new StandInCall("4:" + fromPhone, "4:" + toPhone, acs.Signing, acs.Logger);
        call.Participants[call.CallerRawId] = 0;
        _ringing[call.IncomingCallContext] = call;
        var delivered = await acs.EventGrid.DeliverAsync(StandInEventGrid.Event("IncomingCall", $"/caller/{call.CallerRawId}/recipient/{call.CalleeRawId}", new JsonObject
        {
            ["to"] = AcsStandIn.Identifier(call.CalleeRawId),
            ["from"] = AcsStandIn.Identifier(call.CallerRawId),
            ["serverCallId"] = call.ServerCallId,
            ["callerDisplayName"] = displayName ?? "",
            ["incomingCallContext"] = call.IncomingCallContext,
            ["correlationId"] = call.CorrelationId,
        }), ct);
        return delivered ? call : null;
    }

    /// <summary>The customer hangs up: with an agent on the line the others see them leave (and the Worker ends the call); else the call ends.</summary>
    public void HangUp(StandInCall call)
    {
        if (call.Ended)
        {
            return;
        }

        call.Participants.TryRemove(call.CallerRawId, out _);
        if (call.Participants.IsEmpty || call.CallbackUri is null)
        {
            call.End();
            _ringing.TryRemove(call.IncomingCallContext, out _);
            return;
        }

        call.SendParticipantsUpdated();
    }

    private async Task HandleAsync(HttpContext context, string rest)
    {
        var method = context.Request.Method;
        var requestId = context.Request.Headers["Repeatability-Request-ID"].ToString();
        if (method == "POST" && requestId.Length > 0 && _repeated.TryGetValue(requestId, out var repeated))
        {
            context.Response.Headers["Repeatability-Result"] = "accepted";
            await StandInErrors.WriteJsonAsync(context, repeated.Status, repeated.Body);
            return;
        }

        var body = new JsonObject();
        if (method == "POST" && context.Request.ContentLength is > 0)
        {
            if (await StandInErrors.ReadObjectAsync(context) is not { } read)
            {
                return;
            }

            body = read;
        }

        var (status, answer) = await RouteAsync(context, method, rest, body);
        if (status == 0)
        {
            return; // answered with an error already
        }

        if (method == "POST" && requestId.Length > 0)
        {
            _repeated[requestId] = (status, answer);
        }

        await StandInErrors.WriteJsonAsync(context, status, answer);
    }

    private async Task<(int, JsonObject?)> RouteAsync(HttpContext context, string method, string rest, JsonObject body)
    {
        switch (method, rest)
        {
            case ("POST", "callConnections:answer"):
                return await AnswerAsync(context, body);
            case ("POST", "callConnections"):
                return await CreateAsync(context, body);
            case ("POST", "recordings"):
                return (200, new JsonObject { ["recordingId"] = Guid.NewGuid().ToString("N"), ["recordingState"] = "active", ["recordingKind"] = "azureCommunicationServices" });
        }

        if (rest.StartsWith("recordings/", StringComparison.Ordinal))
        {
            return (202, null); // pause, resume, stop: the demo keeps no recording files
        }

        if (!rest.StartsWith("callConnections/", StringComparison.Ordinal))
        {
            await StandInErrors.WriteAsync(context, 404, "NotFound", $"No Call Automation API at {method} /calling/{rest}.");
            return (0, null);
        }

        var path = rest["callConnections/".Length..];
        var end = new[] { path.IndexOf(':', StringComparison.Ordinal), path.IndexOf('/', StringComparison.Ordinal), path.Length }.Where(i => i >= 0).Min();
        var id = Uri.UnescapeDataString(path[..end]);
        if (!_byConnection.TryGetValue(id, out var call) || call.Ended)
        {
            await StandInErrors.WriteAsync(context, 404, "8522", $"Call {id} was not found or has ended.");
            return (0, null);
        }

        var operation = (string?)body["operationContext"];
        switch (method, path[end..])
        {
            case ("GET", ""):
                return (200, call.Properties("connected"));
            case ("DELETE", "") or ("POST", ":terminate"):
                call.End();
                return (204, null);
            case ("POST", ":play"):
                call.Send("PlayStarted", operation, message: "Action started.");
                if (body["playOptions"]?["loop"]?.GetValue<bool>() == true)
                {
                    call.LoopingPlayContext = operation;
                }
                else
                {
                    call.Send("PlayCompleted", operation, message: "Action completed successfully.");
                }

                return (202, null);
            case ("POST", ":recognize"):
                // The demo's callers press nothing: ACS reports the initial silence time-out.
                call.Send("RecognizeFailed", operation, code: 400, subCode: 8510, message: "Action failed, initial silence timeout reached.");
                return (202, null);
            case ("POST", ":cancelAllMediaOperations"):
                if (call.LoopingPlayContext is { } looping)
                {
                    call.LoopingPlayContext = null;
                    call.Send("PlayCanceled", looping, message: "Action canceled.");
                }

                return (202, null);
            case ("POST", ":hold") or ("POST", ":unhold") or ("POST", ":startContinuousDtmfRecognition") or ("POST", ":stopContinuousDtmfRecognition"):
                return (200, null);
            case ("POST", ":startTranscription") or ("POST", ":stopTranscription"):
                return (202, null);
            case ("POST", ":transferToParticipant"):
                return Transfer(call, body, operation);
            case ("POST", "/participants:add"):
                return await AddAsync(context, call, body, operation);
            case ("POST", "/participants:remove"):
                if (RawId(body["participantToRemove"]) is { } removed && call.Participants.TryRemove(removed, out _))
                {
                    call.Send("RemoveParticipantSucceeded", operation, new JsonObject { ["participant"] = AcsStandIn.Identifier(removed) });
                    call.SendParticipantsUpdated();
                }

                return (202, new JsonObject { ["operationContext"] = operation });
            case ("POST", "/participants:mute"):
                return (200, new JsonObject { ["operationContext"] = operation });
            case ("GET", "/participants"):
                return (200, new JsonObject { ["value"] = new JsonArray([.. call.Participants.Keys.Select(p => (JsonNode)new JsonObject { ["identifier"] = AcsStandIn.Identifier(p) })]) });
            default:
                await StandInErrors.WriteAsync(context, 404, "NotFound", $"No Call Automation API at {method} /calling/{rest}.");
                return (0, null);
        }
    }

    private async Task<(int, JsonObject?)> AnswerAsync(HttpContext context, JsonObject body)
    {
        var incoming = (string?)body["incomingCallContext"];
        var callback = (string?)body["callbackUri"];
        if (incoming is null || !Uri.TryCreate(callback, UriKind.Absolute, out _))
        {
            await StandInErrors.WriteAsync(context, 400, "BadRequest", "'incomingCallContext' and an absolute 'callbackUri' are required.");
            return (0, null);
        }

        if (!_ringing.TryRemove(incoming, out var call) || call.Ended)
        {
            await StandInErrors.WriteAsync(context, 400, "8523", "Invalid or expired incomingCallContext (already answered, or the caller hung up).");
            return (0, null);
        }

        call.CallbackUri = callback;
        _byConnection[call.CallConnectionId] = call;
        call.Send("CallConnected", (string?)body["operationContext"]);
        call.SendParticipantsUpdated();
        return (200, call.Properties("connecting"));
    }

    /// <summary>Click-to-dial: the customer's phone rings and they pick up.</summary>
    private async Task<(int, JsonObject?)> CreateAsync(HttpContext context, JsonObject body)
    {
        var callback = (string?)body["callbackUri"];
        if (!Uri.TryCreate(callback, UriKind.Absolute, out _) || body["targets"] is not JsonArray { Count: 1 } targets || RawId(targets[0]) is not { } targetId)
        {
            await StandInErrors.WriteAsync(context, 400, "BadRequest", "'callbackUri' and one target in 'targets' are required.");
            return (0, null);
        }

        if (targetId.StartsWith("4:", StringComparison.Ordinal) && (string?)body["sourceCallerIdNumber"]?["value"] is null)
        {
            await StandInErrors.WriteAsync(context, 400, "BadRequest", "'sourceCallerIdNumber' is required to call a phone number.");
            return (0, null);
        }

        var call = new StandInCall(targetId, "4:" + ((string?)body["sourceCallerIdNumber"]?["value"] ?? "+0"), acs.Signing, acs.Logger) { CallbackUri = callback };
        _byConnection[call.CallConnectionId] = call;
        var operation = (string?)body["operationContext"];
        _ = Task.Run(async () =>
        {
            await Task.Delay(RingTime);
            call.Participants[targetId] = 0;
            call.Send("CallConnected", operation);
            call.SendParticipantsUpdated();
            // The customer called back talks for a while, then hangs up.
            await Task.Delay(TimeSpan.FromSeconds(Random.Shared.Next(60, 150)));
            HangUp(call);
        });
        return (201, call.Properties("connecting"));
    }

    private static async Task<(int, JsonObject?)> AddAsync(HttpContext context, StandInCall call, JsonObject body, string? operation)
    {
        if (RawId(body["participantToAdd"]) is not { } added)
        {
            await StandInErrors.WriteAsync(context, 400, "BadRequest", "'participantToAdd' is required.");
            return (0, null);
        }

        if (added.StartsWith("4:", StringComparison.Ordinal) && (string?)body["sourceCallerIdNumber"]?["value"] is null)
        {
            await StandInErrors.WriteAsync(context, 400, "BadRequest", "'sourceCallerIdNumber' is required to add a phone number.");
            return (0, null);
        }

        var invitation = Guid.NewGuid().ToString();
        _ = Task.Run(async () =>
        {
            await Task.Delay(RingTime); // the line rings, then answers
            if (call.Ended)
            {
                return;
            }

            call.Participants[added] = 0;
            call.Send("AddParticipantSucceeded", operation, new JsonObject { ["participant"] = AcsStandIn.Identifier(added), ["invitationId"] = invitation });
            call.SendParticipantsUpdated();
            call.AgentJoined.TrySetResult();
        });
        return (202, new JsonObject { ["participant"] = AcsStandIn.Identifier(added), ["operationContext"] = operation, ["invitationId"] = invitation });
    }

    private static (int, JsonObject?) Transfer(StandInCall call, JsonObject body, string? operation)
    {
        if (RawId(body["targetParticipant"]) is { } target)
        {
            foreach (var other in call.Participants.Keys.Where(p => p != call.CallerRawId))
            {
                call.Participants.TryRemove(other, out _);
            }

            call.Participants[target] = 0;
            call.Send("CallTransferAccepted", operation, new JsonObject
            {
                ["transferTarget"] = AcsStandIn.Identifier(target),
                ["transferee"] = AcsStandIn.Identifier(call.CallerRawId),
            });
            call.SendParticipantsUpdated();
        }

        return (202, new JsonObject { ["operationContext"] = operation });
    }

    private static string? RawId(JsonNode? identifier) =>
        (string?)identifier?["rawId"] ?? (string?)identifier?["communicationUser"]?["id"]
        ?? ((string?)identifier?["phoneNumber"]?["value"] is { } phone ? "4:" + phone : null);
}
