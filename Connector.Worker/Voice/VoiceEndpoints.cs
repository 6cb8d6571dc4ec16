using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using Connector.Core;
using Connector.Core.Storage;
using Connector.Worker.Acs;
using Connector.Worker.Limits;
using Connector.Worker.People;
using Connector.Worker.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Voice;

/// <summary>
/// Voice through ACS Call Automation: <c>POST /webhooks/acs/calls</c> (callbacks), the transcription socket, and the
/// panel's call controls under <c>/api/calls</c>.
/// </summary>
public static class VoiceEndpoints
{
    /// <summary>Needs the WebSocket middleware (<see cref="Hosting.RequestPipeline"/>) for the transcription socket.</summary>
    public static IEndpointRouteBuilder MapVoice(this IEndpointRouteBuilder app)
    {
        app.MapPost(CallbackUris.CallsPath, ReceiveCallbacksAsync).ExcludeFromDescription()
            .WithBodyLimit(app.ServiceProvider.GetRequiredService<IOptions<AcsOptions>>().Value.WebhookMaxBodyBytes);
        app.Map(CallbackUris.TranscriptionPath, ReceiveTranscriptionAsync).ExcludeFromDescription();

        // Call controls act as the signed-in agent, on a call they are on (CallControls refuses anyone else's).
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Staff).WithTags("Voice");
        var agent = api.MapGroup("").RequireAuthorization(Policies.Agent);
        agent.MapPost("/calls", DialAsync).WithSummary("Click-to-dial: the signed-in agent calls a customer's number.");
        api.MapGet("/calls/{callConnectionId}", GetCallAsync).WithSummary("A call's progress (phase, journey, agent, task): its agent, its queue's supervisors, admins.");
        agent.MapPost("/calls/{callConnectionId}/hold", (string callConnectionId, CallControlRequest? body, ClaimsPrincipal user, CallControls c, CancellationToken ct) =>
            ControlAsync(user, body?.AgentId, a => c.HoldAsync(callConnectionId, a, ct))).WithSummary("Puts the caller on hold (music on hold).");
        agent.MapPost("/calls/{callConnectionId}/resume", (string callConnectionId, CallControlRequest? body, ClaimsPrincipal user, CallControls c, CancellationToken ct) =>
            ControlAsync(user, body?.AgentId, a => c.ResumeAsync(callConnectionId, a, ct))).WithSummary("Takes the caller off hold.");
        agent.MapPost("/calls/{callConnectionId}/mute", (string callConnectionId, CallControlRequest? body, ClaimsPrincipal user, CallControls c, CancellationToken ct) =>
            ControlAsync(user, body?.AgentId, a => c.MuteAsync(callConnectionId, a, ct))).WithSummary("Mutes the agent's line.");
        agent.MapPost("/calls/{callConnectionId}/transfer", (string callConnectionId, CallTransferControlRequest body, ClaimsPrincipal user, CallControls c, CancellationToken ct) =>
            (body.ToAgentId, body.ToJourney) switch
            {
                ({ Length: > 0 } to, null or "") => ControlAsync(user, body.AgentId, a => c.TransferToAgentAsync(callConnectionId, a, to, ct)),
                (null or "", { Length: > 0 } journey) => ControlAsync(user, body.AgentId, a => c.TransferToJourneyAsync(callConnectionId, a, journey, ct)),
                _ => Task.FromResult<IResult>(TypedResults.Problem(statusCode: 400, title: "One transfer target", detail: "Give toAgentId (an agent) or toJourney (a charter journey, whose queue takes the call).")),
            }).WithSummary("Blind transfer to another agent (toAgentId) or to a queue (toJourney).");
        agent.MapPost("/calls/{callConnectionId}/supervisor", AddSupervisorAsync)
            .WithSummary("The agent on the call brings in a supervisor (supervisorId), or a supervisor of the call's queue joins it themselves; mode listen keeps the supervisor muted.");
        agent.MapPost("/calls/{callConnectionId}/hang-up", (string callConnectionId, CallControlRequest? body, ClaimsPrincipal user, CallControls c, CancellationToken ct) =>
            ControlAsync(user, body?.AgentId, a => c.HangUpAsync(callConnectionId, a, ct))).WithSummary("Ends the call for everyone.");
        agent.MapPost("/calls/{callConnectionId}/secure-capture/start", (string callConnectionId, CallControlRequest? body, ClaimsPrincipal user, CallControls c, CancellationToken ct) =>
            ControlAsync(user, body?.AgentId, a => c.StartSecureCaptureAsync(callConnectionId, a, ct))).WithSummary("Pauses recording and transcription; collects the caller's keys unseen.");
        agent.MapGet("/calls/{callConnectionId}/secure-capture", (string callConnectionId, string? agentId, ClaimsPrincipal user, CallControls c, CancellationToken ct) =>
            ControlAsync(user, agentId, async a => TypedResults.Ok(await c.SecureCaptureStatusAsync(callConnectionId, a, ct)))).WithSummary("How many keys were collected (masked).");
        agent.MapPost("/calls/{callConnectionId}/secure-capture/stop", (string callConnectionId, CallControlRequest? body, ClaimsPrincipal user, CallControls c, CancellationToken ct) =>
            ControlAsync(user, body?.AgentId, async a => TypedResults.Ok(await c.StopSecureCaptureAsync(callConnectionId, a, ct)))).WithSummary("Forgets the keys; resumes recording and transcription.");
        api.MapPut("/voice/agents/{agentId}/line", PutAgentLineAsync).WithSummary("How the agent takes calls: the panel's ACS user id or a phone number (the agent's own, or an admin).");
        return app;
    }

    private static async Task<IResult> ReceiveCallbacksAsync(
        HttpContext http, CallbackAuthenticator auth, CallFlow flow, IOptions<AcsOptions> acs, ILoggerFactory loggers, CancellationToken ct)
    {
        if (await auth.RefusalAsync(http.Request, requireJwt: true, ct) is { } refused)
        {
            return refused;
        }

        var log = loggers.CreateLogger("Connector.Worker.Voice");
        IReadOnlyList<ReceivedEvent> events;
        try
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, ct);
            if (body.Length > acs.Value.WebhookMaxBodyBytes)
            {
                return TypedResults.Problem(statusCode: 413, title: "Delivery too large", detail: $"The limit is {acs.Value.WebhookMaxBodyBytes} bytes.");
            }

            events = EventGridDeliveryReader.Read(body.ToArray());
            // Every callback's data is read before any is applied, so a malformed one refuses the delivery whole.
            foreach (var e in events)
            {
                CallEventData.Read(e.Data);
            }
        }
        catch (WebhookRejectedException ex)
        {
            log.LogWarning("Call callback refused: {Title}: {Detail}", ex.Title, ex.Message);
            return ex.ToProblem();
        }

        var callId = http.Request.Query["call"].ToString();
        int applied = 0, unknown = 0;
        foreach (var e in events)
        {
            if (await flow.HandleCallbackAsync(callId.Length > 0 ? callId : null, e, ct))
            {
                applied++;
            }
            else
            {
                unknown++;
                log.LogInformation("Callback {EventId} ({Type}) names no call the connector knows; acknowledged", e.Id, e.Type);
            }
        }

        return TypedResults.Ok(new { applied, unknown });
    }

    /// <summary>Real-time transcription: TranscriptionMetadata first, then TranscriptionData per phrase; final phrases are kept.</summary>
    private static async Task ReceiveTranscriptionAsync(HttpContext http, CallbackAuthenticator auth, VoiceCallStore calls, CallTranscripts transcripts, CancellationToken ct)
    {
        if (await auth.RefusalAsync(http.Request, requireJwt: false, ct) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        var callId = http.Request.Query["call"].ToString();
        if (!http.WebSockets.IsWebSocketRequest || await calls.GetAsync(callId, ct) is null)
        {
            await TypedResults.Problem(statusCode: 400, title: "Not a transcription socket", detail: "Expected a WebSocket upgrade for a known ?call=.").ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        var phrases = transcripts.NewPhraseRedaction();
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, ct);
                break;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var packet = JsonSerializer.Deserialize<TranscriptionPacket>(message.ToArray(), EventDataJson.Options);
            message.SetLength(0);
            if (packet?.TranscriptionData is { ResultStatus: "Final" or "final", Text: { Length: > 0 } text } data
                && await calls.GetAsync(callId, ct) is { } call)
            {
                await transcripts.AddAsync(call, phrases, TimeSpan.FromTicks(data.Offset ?? 0), data.ParticipantRawId ?? "unknown", text, ct);
            }
        }
    }

    private static async Task<IResult> AddSupervisorAsync(
        string callConnectionId, CallSupervisorRequest body, ClaimsPrincipal user, CallControls controls, VoiceCallStore calls, IRoutingStore routing, WorkAccess access, CancellationToken ct)
    {
        var self = user.FindFirstValue(ConnectorClaims.AgentId)!;
        if (body.Mode is not (null or "join" or "listen"))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid mode", detail: $"mode: 'join' or 'listen'; got '{body.Mode}'.");
        }

        var listenOnly = body.Mode == "listen";
        var call = await calls.FindByConnectionAsync(callConnectionId, ct);
        if (call?.AgentId is { } onCall && onCall != self)
        {
            // A supervisor joining a call of their queue: the supervisor is themselves, whoever the body names.
            if (!string.IsNullOrWhiteSpace(body.SupervisorId) && body.SupervisorId != self)
            {
                return TypedResults.Problem(statusCode: 403, title: "Another supervisor", detail: $"supervisorId: you join as '{self}'.");
            }

            if (call.TaskId is not { } taskId || await routing.FindTaskAsync(taskId, ct) is not { } task || !user.HasRoleOrWider(Roles.Supervisor) || !await access.CanSeeTaskAsync(user, task, ct))
            {
                return TypedResults.Problem(statusCode: 403, title: "Not your call", detail: $"Agent {self} is not on call {callConnectionId}, nor does it reach a queue they supervise.");
            }

            return await ControlAsync(onCall, a => controls.AddSupervisorAsync(callConnectionId, a, self, listenOnly, ct));
        }

        return string.IsNullOrWhiteSpace(body.SupervisorId)
            ? TypedResults.Problem(statusCode: 400, title: "supervisorId is required", detail: "Name the supervisor to bring in.")
            : await ControlAsync(user, body.AgentId, a => controls.AddSupervisorAsync(callConnectionId, a, body.SupervisorId!, listenOnly, ct));
    }

    private static async Task<IResult> DialAsync(DialRequest body, ClaimsPrincipal user, CallControls controls, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.To) || !body.To.StartsWith('+') || !body.To[1..].All(char.IsAsciiDigit))
        {
            return TypedResults.Problem(statusCode: 400, title: "to must be an E.164 number", detail: "e.g. +447700900123");
        }

        return await ControlAsync(user, body.AgentId, async a => TypedResults.Ok(new DialResponse(await controls.DialAsync(a, body.To, ct))));
    }

    private static async Task<IResult> GetCallAsync(
        string callConnectionId, ClaimsPrincipal user, VoiceCallStore calls, IRoutingStore routing, WorkAccess access, CancellationToken ct)
    {
        if (await calls.FindByConnectionAsync(callConnectionId, ct) is not { } c)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown call", detail: $"No call has the connection id {callConnectionId}.");
        }

        var mine = c.AgentId is not null && c.AgentId == user.FindFirstValue(ConnectorClaims.AgentId);
        if (!mine && !user.IsInRole(Roles.Admin)
            && (c.TaskId is not { } taskId || await routing.FindTaskAsync(taskId, ct) is not { } task || !await access.CanSeeTaskAsync(user, task, ct)))
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your call", detail: "You are not on it, nor does it reach a queue you supervise.");
        }

        return TypedResults.Ok(new CallResponse(c.CallConnectionId!, c.Direction, WireNames.Of(c.CurrentPhase), c.Journey, c.AgentId, c.TaskId, c.ConversationId,
            c.RecordingId is not null, c.SecureSince is not null, c.StartedAt, c.ConnectedAt, c.EndedAt));
    }

    private static async Task<IResult> PutAgentLineAsync(string agentId, AgentLineRequest body, ClaimsPrincipal caller, VoiceCallStore calls, TimeProvider time, CancellationToken ct)
    {
        if (caller.FindFirstValue(ConnectorClaims.AgentId) != agentId && !caller.IsInRole(Roles.Admin))
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your line", detail: "An agent sets their own line; admins set anyone's.");
        }

        var user = string.IsNullOrWhiteSpace(body.AcsUserId) ? null : body.AcsUserId.Trim();
        var phone = string.IsNullOrWhiteSpace(body.PhoneNumber) ? null : body.PhoneNumber.Trim();
        if (user is null && phone is null)
        {
            return TypedResults.Problem(statusCode: 400, title: "No line", detail: "Give acsUserId (8:acs:…) or phoneNumber (E.164).");
        }

        if (user is not null && !user.StartsWith("8:", StringComparison.Ordinal))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid acsUserId", detail: "An ACS user id looks like 8:acs:{resource}_{user}.");
        }

        if (phone is not null && (!phone.StartsWith('+') || !phone[1..].All(char.IsAsciiDigit)))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid phoneNumber", detail: "A phone number is E.164, e.g. +447700900123.");
        }

        await calls.SetAgentEndpointAsync(agentId, user, phone, time.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>A control acting as the signed-in agent (an agentId still sent must be theirs).</summary>
    private static async Task<IResult> ControlAsync(ClaimsPrincipal user, string? claimedAgentId, Func<string, Task> action) =>
        await ControlAsync(user, claimedAgentId, async a =>
        {
            await action(a);
            return TypedResults.NoContent();
        });

    private static async Task<IResult> ControlAsync(ClaimsPrincipal user, string? claimedAgentId, Func<string, Task<IResult>> action) =>
        ActingAgent.Of(user, claimedAgentId) switch
        {
            (null, { } refusal) => refusal,
            (var agentId, _) => await ControlAsync(agentId!, action),
        };

    private static Task<IResult> ControlAsync(string agentId, Func<string, Task> action) =>
        ControlAsync(agentId, async a =>
        {
            await action(a);
            return (IResult)TypedResults.NoContent();
        });

    private static async Task<IResult> ControlAsync(string agentId, Func<string, Task<IResult>> action)
    {
        try
        {
            return await action(agentId);
        }
        catch (CallControlException ex)
        {
            return TypedResults.Problem(statusCode: ex.Status, title: ex.Title, detail: ex.Message);
        }
        catch (AcsRequestFailedException ex)
        {
            return TypedResults.Problem(statusCode: 502, title: "ACS refused the call control", detail: $"{(int)ex.StatusCode} {ex.ErrorCode}");
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: 409, title: "Call control not possible", detail: ex.Message);
        }
    }

    private sealed record TranscriptionPacket(string? Kind, TranscriptionDataPacket? TranscriptionData);

    private sealed record TranscriptionDataPacket(string? Text, long? Offset, string? ParticipantRawId, string? ResultStatus);
}
