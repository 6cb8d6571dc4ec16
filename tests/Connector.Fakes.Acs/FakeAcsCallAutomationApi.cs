using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// Call Automation (REST spec CallAutomation/stable/2025-05-15 in Azure/azure-rest-api-specs): answer and create,
/// media (play, recognize, continuous DTMF, hold), participants (add, remove, mute, transfer), terminate and hang up,
/// transcription, recordings. Each request is checked as ACS checks it (required fields, known call, ACS users only
/// for mute, a caller id for PSTN targets, spoken prompts only with AI services); repeatable requests run once;
/// results follow as callbacks (<see cref="FakeAcsCall"/>).
/// </summary>
internal sealed class FakeAcsCallAutomationApi(FakeAcsServer server)
{
    private FakeAcsCalls Calls => FakeAcsCalls.Of(server);

    public void Map(IEndpointRouteBuilder app) => app.MapMethods("/calling/{**rest}", ["GET", "POST", "DELETE"], (RequestDelegate)HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var rest = (string)context.Request.RouteValues["rest"]!;
        var method = context.Request.Method;
        var requestId = context.Request.Headers["Repeatability-Request-ID"].ToString();
        if (method == "POST" && Calls.TryRepeat(requestId, out var repeated))
        {
            context.Response.Headers["Repeatability-Result"] = "accepted";
            await WriteAsync(context, repeated.Status, repeated.Body);
            return;
        }

        var body = method == "POST" ? await FakeAcsJsonBody.ReadObjectAsync(context, emptyAllowed: true) : [];
        if (body is null)
        {
            return;
        }

        var (status, answer) = await RouteAsync(context, method, rest, body);
        if (status == 0)
        {
            return; // already answered with an error
        }

        Calls.Remember(requestId, status, answer);
        await WriteAsync(context, status, answer);
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
                return await StartRecordingAsync(context, body);
        }

        if (rest.StartsWith("recordings/", StringComparison.Ordinal))
        {
            return await RecordingAsync(context, method, rest["recordings/".Length..]);
        }

        if (!rest.StartsWith("callConnections/", StringComparison.Ordinal))
        {
            await FakeAcsErrors.NotFoundAsync(context, $"No Call Automation API at {method} /calling/{rest}.");
            return (0, null);
        }

        var path = rest["callConnections/".Length..];
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var end = new[] { colon, slash, path.Length }.Where(i => i >= 0).Min();
        var id = Uri.UnescapeDataString(path[..end]);
        var action = path[end..];
        if (Calls.Find(id) is not { Ended: false } call)
        {
            await FakeAcsErrors.WriteAsync(context, 404, "8522", $"Call {id} was not found or has ended.");
            return (0, null);
        }

        return (method, action) switch
        {
            ("GET", "") => (200, Properties(call, "connected")),
            ("DELETE", "") or ("POST", ":terminate") => await HangUpAsync(call),
            ("POST", ":play") => await PlayAsync(context, call, body),
            ("POST", ":recognize") => await RecognizeAsync(context, call, body),
            ("POST", ":cancelAllMediaOperations") => CancelMedia(call),
            ("POST", ":startContinuousDtmfRecognition") => await ContinuousDtmfAsync(context, call, body, on: true),
            ("POST", ":stopContinuousDtmfRecognition") => await ContinuousDtmfAsync(context, call, body, on: false),
            ("POST", ":hold") or ("POST", ":unhold") => await TargetOnlyAsync(context, body, "targetParticipant"),
            ("POST", ":startTranscription") => Transcription(call, on: true),
            ("POST", ":stopTranscription") => Transcription(call, on: false),
            ("POST", ":transferToParticipant") => await TransferAsync(context, call, body),
            ("POST", "/participants:add") => await AddParticipantAsync(context, call, body),
            ("POST", "/participants:remove") => await RemoveParticipantAsync(context, call, body),
            ("POST", "/participants:mute") => await MuteAsync(context, body),
            ("GET", "/participants") => (200, new JsonObject { ["value"] = new JsonArray([.. call.Participants.Select(p => (JsonNode)new JsonObject { ["identifier"] = FakeAcsCalls.Identifier(p) })]) }),
            _ => await NotFoundAsync(context, method, rest),
        };
    }

    private async Task<(int, JsonObject?)> AnswerAsync(HttpContext context, JsonObject body)
    {
        var incoming = FakeAcsJsonBody.String(body["incomingCallContext"]);
        var callback = FakeAcsJsonBody.String(body["callbackUri"]);
        if (incoming is null || callback is null || !Uri.TryCreate(callback, UriKind.Absolute, out _))
        {
            await FakeAcsErrors.BadRequestAsync(context, "'incomingCallContext' and an absolute 'callbackUri' are required.");
            return (0, null);
        }

        if (Calls.TakeIncoming(incoming) is not { } call)
        {
            await FakeAcsErrors.WriteAsync(context, 400, "8523", "Invalid or expired incomingCallContext (already answered, or the call is gone).");
            return (0, null);
        }

        Setup(call, body, callback);
        call.Answered = true;
        call.Join(call.CallerRawId);
        call.Send("CallConnected", FakeAcsJsonBody.String(body["operationContext"]), 200, 0, "", []);
        call.SendParticipantsUpdated();
        return (200, Properties(call, "connecting"));
    }

    private async Task<(int, JsonObject?)> CreateAsync(HttpContext context, JsonObject body)
    {
        var callback = FakeAcsJsonBody.String(body["callbackUri"]);
        var targets = body["targets"] as JsonArray;
        if (callback is null || targets is not [JsonObject target] || RawId(target) is not { } targetId)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'callbackUri' and one target in 'targets' are required.");
            return (0, null);
        }

        if (targetId.StartsWith("4:", StringComparison.Ordinal) && FakeAcsJsonBody.String(body["sourceCallerIdNumber"]?["value"]) is null)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'sourceCallerIdNumber' is required to call a phone number.");
            return (0, null);
        }

        var call = Calls.CreateOutbound(targetId);
        Setup(call, body, callback);
        if (Calls.CustomersAnswer)
        {
            call.Answered = true;
            call.Join(targetId);
            call.Send("CallConnected", FakeAcsJsonBody.String(body["operationContext"]), 200, 0, "", []);
            call.SendParticipantsUpdated();
        }

        return (201, Properties(call, "connecting"));
    }

    private void Setup(FakeAcsCall call, JsonObject body, string callback)
    {
        call.CallbackUri = callback;
        call.HasCognitiveServices = FakeAcsJsonBody.String(body["callIntelligenceOptions"]?["cognitiveServicesEndpoint"]) is not null;
        if (body["transcriptionOptions"] is JsonObject transcription)
        {
            call.TranscriptionUrl = FakeAcsJsonBody.String(transcription["transportUrl"]);
            call.Transcribing = transcription["startTranscription"]?.GetValue<bool>() == true;
        }

        Calls.Register(call);
    }

    private static async Task<(int, JsonObject?)> PlayAsync(HttpContext context, FakeAcsCall call, JsonObject body)
    {
        if (body["playSources"] is not JsonArray { Count: > 0 } sources || await SourcesProblemAsync(context, call, sources))
        {
            if (!context.Response.HasStarted)
            {
                await FakeAcsErrors.BadRequestAsync(context, "'playSources' needs at least one source.");
            }

            return (0, null);
        }

        var loop = body["playOptions"]?["loop"]?.GetValue<bool>() == true;
        var operation = FakeAcsJsonBody.String(body["operationContext"]);
        call.Send("PlayStarted", operation, 200, 0, "Action started.", []);
        if (!loop)
        {
            call.Send("PlayCompleted", operation, 200, 0, "Action completed successfully.", []);
        }
        else
        {
            call.LoopingPlayContext = operation;
        }

        return (202, new JsonObject { ["operationContext"] = operation });
    }

    private static async Task<bool> SourcesProblemAsync(HttpContext context, FakeAcsCall call, JsonArray sources)
    {
        foreach (var source in sources.OfType<JsonObject>())
        {
            var kind = FakeAcsJsonBody.String(source["kind"]);
            var problem = kind switch
            {
                "file" => FakeAcsJsonBody.String(source["file"]?["uri"]) is null ? "a file source needs 'file.uri'." : null,
                "text" when !call.HasCognitiveServices => "Text-to-speech needs callIntelligenceOptions.cognitiveServicesEndpoint on answer or create.",
                "text" => FakeAcsJsonBody.String(source["text"]?["text"]) is null ? "a text source needs 'text.text'." : null,
                "ssml" => FakeAcsJsonBody.String(source["ssml"]?["ssmlText"]) is null ? "an ssml source needs 'ssml.ssmlText'." : null,
                _ => $"play source kind '{kind}' is not file, text or ssml.",
            };
            if (problem is not null)
            {
                await FakeAcsErrors.BadRequestAsync(context, problem);
                return true;
            }
        }

        return false;
    }

    private static async Task<(int, JsonObject?)> RecognizeAsync(HttpContext context, FakeAcsCall call, JsonObject body)
    {
        var type = FakeAcsJsonBody.String(body["recognizeInputType"]);
        var options = body["recognizeOptions"] as JsonObject;
        if (type is not ("dtmf" or "speech" or "speechOrDtmf" or "choices") || options?["targetParticipant"] is not JsonObject target || RawId(target) is null)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'recognizeInputType' and 'recognizeOptions.targetParticipant' are required.");
            return (0, null);
        }

        if (type == "dtmf" && (options["dtmfOptions"]?["maxTonesToCollect"]?.GetValue<int>() ?? 1) < 1)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'dtmfOptions.maxTonesToCollect' must be at least 1.");
            return (0, null);
        }

        if (body["playPrompt"] is JsonObject prompt && await SourcesProblemAsync(context, call, [prompt.DeepClone()]))
        {
            return (0, null);
        }

        call.PendingRecognizeContext = FakeAcsJsonBody.String(body["operationContext"]) ?? "";
        return (202, null);
    }

    private static (int, JsonObject?) CancelMedia(FakeAcsCall call)
    {
        if (call.PendingRecognizeContext is { } recognize)
        {
            call.PendingRecognizeContext = null;
            call.Send("RecognizeCanceled", recognize, 200, 8508, "Action cancelled.", []);
        }

        if (call.LoopingPlayContext is { } play)
        {
            call.LoopingPlayContext = null;
            call.Send("PlayCanceled", play, 200, 8508, "Action cancelled.", []);
        }

        return (202, null);
    }

    private static async Task<(int, JsonObject?)> ContinuousDtmfAsync(HttpContext context, FakeAcsCall call, JsonObject body, bool on)
    {
        if (body["targetParticipant"] is not JsonObject target || RawId(target) is null)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'targetParticipant' is required.");
            return (0, null);
        }

        call.ContinuousDtmf = on;
        if (!on)
        {
            call.Send("ContinuousDtmfRecognitionStopped", FakeAcsJsonBody.String(body["operationContext"]), 200, 0, "Continuous DTMF recognition stopped.", []);
        }

        return (200, null);
    }

    private static (int, JsonObject?) Transcription(FakeAcsCall call, bool on)
    {
        call.Transcribing = on;
        call.Send(on ? "TranscriptionStarted" : "TranscriptionStopped", null, 200, 0, on ? "Transcription started successfully." : "Transcription stopped.", []);
        return (202, null);
    }

    private static async Task<(int, JsonObject?)> TargetOnlyAsync(HttpContext context, JsonObject body, string field)
    {
        if (body[field] is not JsonObject target || RawId(target) is null)
        {
            await FakeAcsErrors.BadRequestAsync(context, $"'{field}' is required.");
            return (0, null);
        }

        return (200, null);
    }

    private static async Task<(int, JsonObject?)> AddParticipantAsync(HttpContext context, FakeAcsCall call, JsonObject body)
    {
        if (body["participantToAdd"] is not JsonObject target || RawId(target) is not { } id)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'participantToAdd' is required.");
            return (0, null);
        }

        if (id.StartsWith("4:", StringComparison.Ordinal) && FakeAcsJsonBody.String(body["sourceCallerIdNumber"]?["value"]) is null)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'sourceCallerIdNumber' is required to add a phone number.");
            return (0, null);
        }

        var operation = FakeAcsJsonBody.String(body["operationContext"]);
        var participant = FakeAcsCalls.Identifier(id);
        if (call.NextAddParticipantRings)
        {
            call.NextAddParticipantRings = false;
        }
        else if (call.NextAddParticipantFails)
        {
            call.NextAddParticipantFails = false;
            call.Send("AddParticipantFailed", operation, 408, 10004, "The participant did not answer.", new JsonObject { ["participant"] = participant });
        }
        else
        {
            call.Join(id);
            call.Send("AddParticipantSucceeded", operation, 200, 0, "Add participant completed successfully.", new JsonObject { ["participant"] = participant });
            call.SendParticipantsUpdated();
        }

        await Task.CompletedTask;
        return (202, new JsonObject { ["participant"] = participant.DeepClone(), ["operationContext"] = operation, ["invitationId"] = Guid.NewGuid().ToString() });
    }

    private static async Task<(int, JsonObject?)> RemoveParticipantAsync(HttpContext context, FakeAcsCall call, JsonObject body)
    {
        if (body["participantToRemove"] is not JsonObject target || RawId(target) is not { } id)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'participantToRemove' is required.");
            return (0, null);
        }

        call.Leave(id);
        call.Send("RemoveParticipantSucceeded", FakeAcsJsonBody.String(body["operationContext"]), 200, 0, "Remove participant completed successfully.", new JsonObject { ["participant"] = FakeAcsCalls.Identifier(id) });
        call.SendParticipantsUpdated();
        return (202, new JsonObject { ["operationContext"] = body["operationContext"]?.DeepClone() });
    }

    private static async Task<(int, JsonObject?)> MuteAsync(HttpContext context, JsonObject body)
    {
        if (body["targetParticipants"] is not JsonArray { Count: > 0 } targets)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'targetParticipants' is required.");
            return (0, null);
        }

        if (targets.OfType<JsonObject>().Any(t => RawId(t)?.StartsWith("8:", StringComparison.Ordinal) != true))
        {
            await FakeAcsErrors.BadRequestAsync(context, "Only Azure Communication Services users can be muted.");
            return (0, null);
        }

        return (200, new JsonObject { ["operationContext"] = body["operationContext"]?.DeepClone() });
    }

    private static async Task<(int, JsonObject?)> TransferAsync(HttpContext context, FakeAcsCall call, JsonObject body)
    {
        if (body["targetParticipant"] is not JsonObject target || RawId(target) is not { } id)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'targetParticipant' is required.");
            return (0, null);
        }

        var operation = FakeAcsJsonBody.String(body["operationContext"]);
        if (body["transferee"] is JsonObject transferee && RawId(transferee) is { } leaving)
        {
            call.Leave(leaving);
        }

        call.Join(id);
        call.Send("CallTransferAccepted", operation, 202, 7015, "The transfer operation completed successfully.", new JsonObject
        {
            ["transferTarget"] = FakeAcsCalls.Identifier(id),
            ["transferee"] = body["transferee"]?.DeepClone() ?? FakeAcsCalls.Identifier(call.CallerRawId),
        });
        call.SendParticipantsUpdated();
        return (202, new JsonObject { ["operationContext"] = operation });
    }

    private static async Task<(int, JsonObject?)> HangUpAsync(FakeAcsCall call)
    {
        await call.EndAsync();
        return (204, null);
    }

    private async Task<(int, JsonObject?)> StartRecordingAsync(HttpContext context, JsonObject body)
    {
        var connection = FakeAcsJsonBody.String(body["callConnectionId"]);
        var locator = FakeAcsJsonBody.String(body["callLocator"]?["serverCallId"]);
        if ((connection is null) == (locator is null))
        {
            await FakeAcsErrors.BadRequestAsync(context, "Give either 'callConnectionId' or 'callLocator', not both or neither.");
            return (0, null);
        }

        var call = connection is not null ? Calls.Find(connection) : Calls.Calls.FirstOrDefault(c => c.ServerCallId == locator);
        if (call is not { Ended: false })
        {
            await FakeAcsErrors.WriteAsync(context, 404, "8522", "The call was not found or has ended.");
            return (0, null);
        }

        var recordingId = Guid.NewGuid().ToString("N");
        call.RecordingId = recordingId;
        call.RecordingState = "active";
        Calls.RegisterRecording(recordingId, call);
        call.Send("RecordingStateChanged", null, 200, 0, "", new JsonObject { ["recordingId"] = recordingId, ["state"] = "active", ["startDateTime"] = FakeAcsJsonBody.Time(DateTimeOffset.UtcNow) });
        return (200, new JsonObject { ["recordingId"] = recordingId, ["recordingState"] = "active", ["recordingKind"] = "azureCommunicationServices" });
    }

    private async Task<(int, JsonObject?)> RecordingAsync(HttpContext context, string method, string rest)
    {
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(colon < 0 ? rest : rest[..colon]);
        var action = colon < 0 ? "" : rest[colon..];
        if (Calls.FindByRecording(id) is not { } call)
        {
            await FakeAcsErrors.NotFoundAsync(context, $"Recording {id} was not found.");
            return (0, null);
        }

        switch (method, action)
        {
            case ("GET", ""):
                return (200, new JsonObject { ["recordingId"] = id, ["recordingState"] = call.RecordingState });
            case ("POST", ":pause"):
            case ("POST", ":resume"):
                call.RecordingState = action == ":pause" ? "inactive" : "active";
                call.Send("RecordingStateChanged", null, 200, 0, "", new JsonObject { ["recordingId"] = id, ["state"] = call.RecordingState });
                return (202, null);
            case ("DELETE", ""):
                call.RecordingState = "inactive";
                return (204, null);
            default:
                return await NotFoundAsync(context, method, $"recordings/{rest}");
        }
    }

    private static async Task<(int, JsonObject?)> NotFoundAsync(HttpContext context, string method, string rest)
    {
        await FakeAcsErrors.NotFoundAsync(context, $"No Call Automation API at {method} /calling/{rest}.");
        return (0, null);
    }

    private static JsonObject Properties(FakeAcsCall call, string state) => new()
    {
        ["callConnectionId"] = call.CallConnectionId,
        ["serverCallId"] = call.ServerCallId,
        ["correlationId"] = call.CorrelationId,
        ["callConnectionState"] = state,
        ["callbackUri"] = call.CallbackUri,
        ["targets"] = new JsonArray(FakeAcsCalls.Identifier(call.Outbound ? call.CallerRawId : call.CalleeRawId)),
    };

    private static string? RawId(JsonObject identifier) =>
        FakeAcsJsonBody.String(identifier["rawId"])
        ?? FakeAcsJsonBody.String(identifier["communicationUser"]?["id"])
        ?? (FakeAcsJsonBody.String(identifier["phoneNumber"]?["value"]) is { } number ? $"4:{number}" : null);

    private static Task WriteAsync(HttpContext context, int status, JsonObject? body)
    {
        if (body is null)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        return FakeAcsJsonBody.WriteAsync(context, status, body);
    }
}
