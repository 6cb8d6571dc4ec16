using Connector.Core.Routing;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Core.Voice;
using Connector.Worker.Acs;
using Connector.Worker.Acs.Wire;
using Connector.Worker.Webhooks;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Voice;

/// <summary>
/// The inbound call flow: answer → consent announcement (recording only once consent holds) → IVR → a routing task
/// with queue announcements and music → the accepting agent is added (see <see cref="CallAgentConnector"/>) → the
/// end, which abandons the task of a caller who never spoke to an agent or sends the agent to wrap-up (an agent whose
/// line does not answer gives the task back to the router first). Callbacks drive it; each is applied once, under
/// the call's lock, and only when it moves the call forward (<see cref="CallPhases"/>), so repeats and late ones are harmless.
/// </summary>
internal sealed class CallFlow(
    VoiceCallStore calls,
    AcsCallAutomationClient acs,
    CallTimeline timeline,
    CallLocks locks,
    CallbackUris uris,
    RoutingPolicy routing,
    SecureCaptureSessions secure,
    CallTranscripts transcripts,
    IRoutingStore routingStore,
    IOptions<VoiceOptions> options,
    TimeProvider time,
    ILogger<CallFlow> logger)
{
    public const string ConsentContext = "consent";
    public const string QueueContext = "queue";
    public const string MenuContext = "menu:";
    public const string AgentContext = "agent:";
    public const string SupervisorContext = "supervisor:";
    /// <summary>After <see cref="SupervisorContext"/>: the supervisor listens in, muted.</summary>
    public const string ListenOnlyMarker = "listen:";
    public const string TransferContext = "transfer:";

    private VoicePolicy Policy => routing.Voice;

    /// <summary>Answers an incoming call (IncomingCall from Event Grid); false when it is not one we answer.</summary>
    public async Task<bool> AnswerAsync(IncomingCallData incoming, DateTimeOffset at, CancellationToken ct)
    {
        if (incoming.From?.Id is not { Length: > 0 } caller || incoming.IncomingCallContext is not { Length: > 0 } context)
        {
            logger.LogWarning("IncomingCall without a caller or an incomingCallContext; not answered");
            return false;
        }

        if (!IsOurs(incoming.To))
        {
            logger.LogDebug("IncomingCall for {Callee} is not one the connector answers", incoming.To?.Kind);
            return false;
        }

        var (kind, value) = CallParties.IdentityOf(caller);
        var call = new VoiceCall
        {
            Id = Guid.CreateVersion7().ToString("N"),
            ServerCallId = incoming.ServerCallId,
            CorrelationId = incoming.CorrelationId,
            Direction = "in",
            CallerRawId = caller,
            IdentityKind = kind.ToString(),
            IdentityValue = value,
            ServiceNumber = CallParties.PhoneOf(incoming.To),
            Region = CallParties.RegionOf(caller),
            Phase = nameof(CallPhase.Answering),
            StartedAt = at,
            UpdatedAt = time.GetUtcNow(),
        };
        using (await locks.AcquireAsync(call.Id, ct))
        {
            await calls.InsertAsync(call, ct);
            try
            {
                var answered = await acs.AnswerAsync(new CallAnswerRequest(context, uris.ForCall(call.Id), "answer", Intelligence(), Transcription(call.Id)), ct);
                call.CallConnectionId = answered.CallConnectionId;
                call.ServerCallId ??= answered.ServerCallId;
                call.CorrelationId ??= answered.CorrelationId;
            }
            catch (AcsRequestFailedException ex)
            {
                // The caller hung up while it rang, or the context expired: nothing was answered, nothing to route.
                logger.LogWarning("Answering call {CallId} failed: {Status} {Code}", call.Id, (int)ex.StatusCode, ex.ErrorCode);
                call.Phase = nameof(CallPhase.Ended);
                call.EndedAt = time.GetUtcNow();
            }

            call.UpdatedAt = time.GetUtcNow();
            await calls.UpdateAsync(call, ct);
        }

        logger.LogInformation("Call {CallId} answered ({CallConnectionId})", call.Id, call.CallConnectionId);
        return true;
    }

    /// <summary>Applies one callback. False when it names no call we know (not ours, or already forgotten).</summary>
    public async Task<bool> HandleCallbackAsync(string? callId, ReceivedEvent e, CancellationToken ct)
    {
        var data = CallEventData.Read(e.Data);
        var known = callId is { Length: > 0 } ? await calls.GetAsync(callId, ct)
            : data.CallConnectionId is { Length: > 0 } connection ? await calls.FindByConnectionAsync(connection, ct) : null;
        if (known is null)
        {
            return false;
        }

        using (await locks.AcquireAsync(known.Id, ct))
        {
            if (await calls.IsCallbackRecordedAsync(known.Id, e.Id, ct))
            {
                logger.LogDebug("Callback {EventId} ({Type}) of call {CallId} already applied", e.Id, e.Type, known.Id);
                return true;
            }

            var call = (await calls.GetAsync(known.Id, ct))!;
            call.CallConnectionId ??= data.CallConnectionId;
            call.ServerCallId ??= data.ServerCallId;
            await ApplyAsync(call, ShortType(e.Type), data, e.Time ?? time.GetUtcNow(), ct);
            call.UpdatedAt = time.GetUtcNow();
            await calls.UpdateAsync(call, ct);
            // Recorded after the work: a callback that failed half-way is applied again when ACS redelivers it.
            await calls.TryRecordCallbackAsync(call.Id, e.Id, e.Type, time.GetUtcNow(), ct);
        }

        return true;
    }

    private Task ApplyAsync(VoiceCall call, string type, CallEventData data, DateTimeOffset at, CancellationToken ct) => type switch
    {
        "CallConnected" => OnConnectedAsync(call, ct),
        "CallDisconnected" => EndAsync(call, at, "the call ended", ct),
        "PlayCompleted" or "PlayFailed" or "PlayCanceled" => OnPlayEndedAsync(call, data, type == "PlayCompleted", ct),
        "RecognizeCompleted" or "RecognizeFailed" or "RecognizeCanceled" => OnRecognizedAsync(call, data, type == "RecognizeCompleted", at, ct),
        "AddParticipantSucceeded" or "AddParticipantFailed" => OnParticipantAddedAsync(call, data, type == "AddParticipantSucceeded", at, ct),
        "CallTransferAccepted" or "CallTransferFailed" => OnTransferAsync(call, data, type == "CallTransferAccepted", at, ct),
        "ParticipantsUpdated" => OnParticipantsAsync(call, data, ct),
        "RecordingStateChanged" => OnRecordingState(call, data),
        "ContinuousDtmfRecognitionToneReceived" => OnToneAsync(call, data),
        _ => Task.CompletedTask,
    };

    private async Task OnConnectedAsync(VoiceCall call, CancellationToken ct)
    {
        if (call.CurrentPhase != CallPhase.Answering)
        {
            return;
        }

        Move(call, CallPhase.Consent);
        var terms = Policy.Consent.For(call.Region);
        if (terms.Announcement is null)
        {
            // No announcement, no consent: such a call is never recorded.
            await AfterConsentAsync(call, record: false, ct);
            return;
        }

        var prompt = Source(terms.Announcement);
        if (terms.OptOutDigit is not null)
        {
            await acs.RecognizeAsync(call.CallConnectionId!, new CallRecognizeRequest(
                "dtmf", prompt, InterruptCallMediaOperation: true,
                new CallRecognizeOptionsWire(CallIdentifierWire.For(call.CallerRawId), InterruptPrompt: true, InitialSilenceTimeoutInSeconds: 2, new CallDtmfOptionsWire(2, 1, null)),
                ConsentContext), ct);
        }
        else
        {
            await acs.PlayAsync(call.CallConnectionId!, new CallPlayRequest([prompt], null, null, null, ConsentContext), ct);
        }
    }

    private async Task OnPlayEndedAsync(VoiceCall call, CallEventData data, bool completed, CancellationToken ct)
    {
        if (data.OperationContext == ConsentContext && call.CurrentPhase == CallPhase.Consent)
        {
            // Consent holds only if the caller actually heard the announcement.
            await AfterConsentAsync(call, completed && Policy.Consent.For(call.Region).Record, ct);
        }
    }

    private async Task OnRecognizedAsync(VoiceCall call, CallEventData data, bool completed, DateTimeOffset at, CancellationToken ct)
    {
        var context = data.OperationContext ?? "";
        var keys = completed ? DtmfTones.ToKeys(data.DtmfResult?.Tones ?? []) : "";
        if (context == ConsentContext && call.CurrentPhase == CallPhase.Consent)
        {
            var terms = Policy.Consent.For(call.Region);
            var optedOut = terms.OptOutDigit is { } digit && keys.Contains(digit, StringComparison.Ordinal);
            // Silence after the announcement is consent; a failure to play it (any other failure) is not.
            var heard = completed || data.ResultInformation?.SubCode is 8510 or 8532;
            if (optedOut)
            {
                await timeline.NoteAsync(call, "consent-declined", at, "The caller declined recording.", ct);
            }

            await AfterConsentAsync(call, heard && !optedOut && terms.Record, ct);
            return;
        }

        if (context.StartsWith(MenuContext, StringComparison.Ordinal) && call.CurrentPhase == CallPhase.Menu
            && int.TryParse(context.AsSpan(MenuContext.Length), out var attempt) && attempt == call.MenuAttempt && Policy.Ivr is { } menu)
        {
            switch (menu.Choose(keys, attempt))
            {
                case IvrOutcome.Chosen chosen:
                    await EnqueueAsync(call, chosen.Journey, $"chose {chosen.Journey} (key {chosen.Digit})", ct);
                    break;
                case IvrOutcome.AskAgain again:
                    call.MenuAttempt = again.Attempt;
                    await AskAsync(call, menu, menu.RetryPrompt ?? menu.Prompt, ct);
                    break;
                case IvrOutcome.Fallback fallback:
                    await EnqueueAsync(call, fallback.Journey, "made no valid choice", ct);
                    break;
            }
        }
    }

    private async Task AfterConsentAsync(VoiceCall call, bool record, CancellationToken ct)
    {
        call.Record = record ? 1 : 0;
        if (record)
        {
            var recording = await acs.StartRecordingAsync(new CallStartRecordingRequest(
                call.CallConnectionId!, "audio", "mixed", options.Value.RecordingFormat, uris.ForCall(call.Id)), ct);
            call.RecordingId = recording.RecordingId;
        }

        if (call.IsOutbound)
        {
            // Click-to-dial: the customer picked up and heard the announcement; now bring in the agent who dialled.
            await AddAgentAsync(call, call.AgentId!, call.AgentRawId!, ct);
            return;
        }

        if (Policy.Ivr is { } menu)
        {
            Move(call, CallPhase.Menu);
            call.MenuAttempt = 1;
            await AskAsync(call, menu, menu.Prompt, ct);
            return;
        }

        await EnqueueAsync(call, null, null, ct);
    }

    private Task AskAsync(VoiceCall call, IvrMenu menu, string prompt, CancellationToken ct) =>
        acs.RecognizeAsync(call.CallConnectionId!, new CallRecognizeRequest(
            "dtmf", Source(prompt), InterruptCallMediaOperation: true,
            new CallRecognizeOptionsWire(CallIdentifierWire.For(call.CallerRawId), InterruptPrompt: true, (int)Math.Ceiling(menu.Timeout.TotalSeconds), new CallDtmfOptionsWire(2, 1, null)),
            $"{MenuContext}{call.MenuAttempt}"), ct);

    /// <summary>The call becomes a routing task (journey from the IVR, else the voice journey) and the caller hears the queue.</summary>
    private async Task EnqueueAsync(VoiceCall call, string? journey, string? choice, CancellationToken ct)
    {
        call.Journey = journey;
        await timeline.StartedAsync(call, $"Incoming call{(choice is null ? "" : $"; the caller {choice}")}.", ct);
        Move(call, CallPhase.Queued);
        await PlayQueueAsync(call, ct);
    }

    internal async Task PlayQueueAsync(VoiceCall call, CancellationToken ct)
    {
        if (Policy.Queue.Sources is { Count: > 0 } sources)
        {
            await acs.PlayAsync(call.CallConnectionId!, new CallPlayRequest(
                sources.Select(Source).ToList(), null, new CallPlayOptionsWire(Loop: true), InterruptCallMediaOperation: null, QueueContext), ct);
        }
    }

    internal async Task AddAgentAsync(VoiceCall call, string agentId, string agentRawId, CancellationToken ct)
    {
        var pstn = agentRawId.StartsWith(CallIdentifierWire.PhonePrefix, StringComparison.Ordinal);
        var callerId = options.Value.CallerIdNumber;
        if (pstn && callerId is null)
        {
            throw new InvalidOperationException($"Agent {agentId} takes calls on a phone, which needs Voice:CallerIdNumber (the number the agent's phone shows).");
        }

        await acs.AddParticipantAsync(call.CallConnectionId!, new CallAddParticipantRequest(
            CallIdentifierWire.For(agentRawId), pstn ? new CallPhoneNumberWire(callerId) : null, options.Value.InvitationTimeoutSeconds, $"{AgentContext}{agentId}"), ct);
        Move(call, CallPhase.Connecting);
        call.AgentId = agentId;
        call.AgentRawId = agentRawId;
    }

    private async Task OnParticipantAddedAsync(VoiceCall call, CallEventData data, bool succeeded, DateTimeOffset at, CancellationToken ct)
    {
        var context = data.OperationContext ?? "";
        if (context.StartsWith(SupervisorContext, StringComparison.Ordinal))
        {
            var supervisor = context[SupervisorContext.Length..];
            var listenOnly = supervisor.StartsWith(ListenOnlyMarker, StringComparison.Ordinal);
            supervisor = listenOnly ? supervisor[ListenOnlyMarker.Length..] : supervisor;
            if (succeeded && listenOnly && data.Participant is { } participant)
            {
                // Muted at once: the caller and the agent never hear the supervisor who only listens.
                await acs.MuteAsync(call.CallConnectionId!, new CallMuteParticipantsRequest([participant], "listen"), ct);
            }

            await timeline.NoteAsync(call, $"supervisor:{supervisor}:{succeeded}", at,
                !succeeded ? $"Supervisor {supervisor} could not be added." : listenOnly ? $"Supervisor {supervisor} listens in." : $"Supervisor {supervisor} joined the call.", ct);
            return;
        }

        if (!context.StartsWith(AgentContext, StringComparison.Ordinal) || context[AgentContext.Length..] != call.AgentId || call.CurrentPhase != CallPhase.Connecting)
        {
            return;
        }

        if (succeeded)
        {
            Move(call, CallPhase.Connected);
            call.ConnectedAt = at;
            await timeline.ConnectedAsync(call, at, $"Agent {call.AgentId} connected after {CallTimeline.Duration(at - call.StartedAt)}.", ct);
            return;
        }

        // The agent's line did not answer: the caller waits on, hearing the queue again, and the router takes the task
        // back from that agent and offers it to the next one.
        var unreachable = call.AgentId!;
        logger.LogWarning("Agent {AgentId} could not be added to call {CallId}: {Code}/{SubCode}", unreachable, call.Id, data.ResultInformation?.Code, data.ResultInformation?.SubCode);
        await timeline.NoteAsync(call, $"agent-failed:{unreachable}:{at.ToUnixTimeMilliseconds()}", at, $"Agent {unreachable} could not be reached.", ct);
        Move(call, CallPhase.Queued);
        await PlayQueueAsync(call, ct);
        if (!call.IsOutbound && call.TaskId is { } taskId)
        {
            // A repeat of this command (a callback redelivered after a crash) is refused by the router: the task is no longer that agent's.
            await routingStore.EnqueueCommandAsync(RoutingCommand.Requeue, taskId, unreachable, time.GetUtcNow(), ct);
        }
    }

    private async Task OnTransferAsync(VoiceCall call, CallEventData data, bool accepted, DateTimeOffset at, CancellationToken ct)
    {
        var context = data.OperationContext ?? "";
        if (!context.StartsWith(TransferContext, StringComparison.Ordinal))
        {
            return;
        }

        var target = context[TransferContext.Length..];
        await timeline.NoteAsync(call, $"transfer:{target}:{accepted}", at,
            accepted ? $"Agent {call.AgentId} transferred the call to {target}." : $"The transfer to {target} failed.", ct);
        if (accepted && target.StartsWith("agent/", StringComparison.Ordinal))
        {
            call.AgentId = target["agent/".Length..];
            call.AgentRawId = data.TransferTarget?.Id ?? call.AgentRawId;
        }
    }

    private async Task OnParticipantsAsync(VoiceCall call, CallEventData data, CancellationToken ct)
    {
        // The caller left a call the agent is still on: end it for everyone, so the agent goes to wrap-up.
        if (call.CurrentPhase is CallPhase.Connected && data.Participants is { } participants
            && participants.All(p => p.Identifier?.Id != call.CallerRawId))
        {
            await TryAsync(() => acs.TerminateAsync(call.CallConnectionId!, ct), call, "terminate");
        }
    }

    private static Task OnRecordingState(VoiceCall call, CallEventData data)
    {
        call.RecordingId ??= data.RecordingId;
        return Task.CompletedTask;
    }

    private Task OnToneAsync(VoiceCall call, CallEventData data)
    {
        if (call.SecureSince is not null && DtmfTones.ToKey(data.Tone) is { } key)
        {
            secure.Add(call.Id, data.SequenceId ?? 0, key);
        }

        return Task.CompletedTask;
    }

    /// <summary>The call is over: waiting task abandoned (or agent to wrap-up), durations on the timeline, transcript attached.</summary>
    internal async Task EndAsync(VoiceCall call, DateTimeOffset at, string why, CancellationToken ct)
    {
        if (call.CurrentPhase == CallPhase.Ended)
        {
            return;
        }

        if (call.TaskId is null && call.ConversationId is null)
        {
            // Hung up before reaching the queue (consent or IVR): still a call the contact centre missed.
            await timeline.StartedAsync(call, "Incoming call; the caller hung up before reaching the queue.", ct);
        }

        var wasWaiting = call.CurrentPhase < CallPhase.Connected;
        // Routing may have given the call to an agent whose line was still ringing: the caller never spoke to anyone, so
        // the timeline says abandoned and the task closes as abandoned too (no wrap-up for a call the agent never heard).
        // An outbound call is the agent's own attempt: it always goes to wrap-up, answered or not.
        var abandoned = wasWaiting && !call.IsOutbound;
        Move(call, CallPhase.Ended);
        call.EndedAt = at;
        var text = call.ConnectedAt is { } connected && !wasWaiting
            ? $"Call ended ({why}) after {CallTimeline.Duration(at - call.StartedAt)}: {CallTimeline.Duration(connected - call.StartedAt)} before the agent, {CallTimeline.Duration(at - connected)} with agent {call.AgentId}."
            : $"Call ended ({why}) after {CallTimeline.Duration(at - call.StartedAt)}{(abandoned ? ", before an agent answered: abandoned" : "")}.";
        await timeline.EndedAsync(call, at, text, abandoned, ct);
        secure.End(call.Id);
        call.SecureSince = null;
        await transcripts.AttachAsync(call, at, ct);
    }

    private async Task TryAsync(Func<Task> action, VoiceCall call, string what)
    {
        try
        {
            await action();
        }
        catch (AcsRequestFailedException ex)
        {
            logger.LogWarning("ACS refused to {Action} call {CallId}: {Status} {Code}", what, call.Id, (int)ex.StatusCode, ex.ErrorCode);
        }
    }

    private static void Move(VoiceCall call, CallPhase to)
    {
        if (!CallPhases.CanMove(call.CurrentPhase, to))
        {
            throw new InvalidOperationException($"Call {call.Id} cannot move from {call.Phase} to {to}.");
        }

        call.Phase = to.ToString();
    }

    private bool IsOurs(CallIdentifierWire? to)
    {
        var answerFor = options.Value.AnswerFor;
        if (answerFor.Count > 0)
        {
            return to?.Id is { } id && answerFor.Any(a => a == id || CallParties.RawIdOfPhone(a) == id);
        }

        return to?.Id?.StartsWith(CallIdentifierWire.PhonePrefix, StringComparison.Ordinal) == true || to?.Kind == "phoneNumber";
    }

    private CallPlaySourceWire Source(string prompt) => CallPlaySourceWire.From(prompt, options.Value.TranscriptionLocale);

    internal CallIntelligenceOptionsWire? Intelligence() =>
        options.Value.CognitiveServicesEndpoint is { Length: > 0 } endpoint ? new CallIntelligenceOptionsWire(endpoint) : null;

    internal CallTranscriptionOptionsWire? Transcription(string callId) =>
        options.Value.TranscriptionLocale is { Length: > 0 } locale
            ? new CallTranscriptionOptionsWire("websocket", locale, uris.TranscriptionFor(callId), StartTranscription: true, EnableIntermediateResults: false)
            : null;

    private static string ShortType(string type) =>
        type.StartsWith("Microsoft.Communication.", StringComparison.Ordinal) ? type["Microsoft.Communication.".Length..] : type;
}
