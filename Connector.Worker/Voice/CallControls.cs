using Connector.Core.Voice;
using Connector.Worker.Acs;
using Connector.Worker.Acs.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Voice;

/// <summary>
/// What the agent on a call can do from the panel: hold and resume the caller, mute, transfer (blind) to another agent,
/// bring in a supervisor, hang up, secure card capture; and click-to-dial. Only the agent on the call may act on it.
/// </summary>
internal sealed class CallControls(
    VoiceCallStore calls,
    CallLocks locks,
    CallFlow flow,
    CallAgentConnector agents,
    CallTimeline timeline,
    AcsCallAutomationClient acs,
    SecureCaptureSessions secure,
    CallbackUris uris,
    Core.Routing.Policy.RoutingPolicy routing,
    Core.Storage.IRoutingStore routingStore,
    IOptions<VoiceOptions> options,
    TimeProvider time,
    ILogger<CallControls> logger)
{
    public Task HoldAsync(string callConnectionId, string agentId, CancellationToken ct) =>
        OnCallAsync(callConnectionId, agentId, async call =>
        {
            var music = routing.Voice.Queue.MusicOnHold is { } moh ? CallPlaySourceWire.From(moh, null) : null;
            await acs.HoldAsync(call.CallConnectionId!, new CallHoldRequest(CallIdentifierWire.For(call.CallerRawId), music, "hold"), ct);
        }, ct);

    public Task ResumeAsync(string callConnectionId, string agentId, CancellationToken ct) =>
        OnCallAsync(callConnectionId, agentId, call =>
            acs.UnholdAsync(call.CallConnectionId!, new CallHoldRequest(CallIdentifierWire.For(call.CallerRawId), null, "unhold"), ct), ct);

    /// <summary>Mutes the agent's own line (ACS mutes ACS users only; a PSTN leg is refused by ACS).</summary>
    public Task MuteAsync(string callConnectionId, string agentId, CancellationToken ct) =>
        OnCallAsync(callConnectionId, agentId, call =>
            acs.MuteAsync(call.CallConnectionId!, new CallMuteParticipantsRequest([CallIdentifierWire.For(call.AgentRawId!)], "mute"), ct), ct);

    /// <summary>Blind transfer: the other agent's line replaces this agent's; the caller stays.</summary>
    public Task TransferToAgentAsync(string callConnectionId, string agentId, string toAgentId, CancellationToken ct) =>
        OnCallAsync(callConnectionId, agentId, async call =>
        {
            var target = await agents.TargetAsync(toAgentId, ct);
            await acs.TransferAsync(call.CallConnectionId!, new CallTransferRequest(
                CallIdentifierWire.For(target), CallIdentifierWire.For(call.AgentRawId!), $"{CallFlow.TransferContext}agent/{toAgentId}"), ct);
        }, ct);

    /// <summary>
    /// Blind transfer to a queue: the agent leaves the call (and wraps up their task as usual), and the call becomes a
    /// new task of <paramref name="journey"/>, waiting with the queue audio like a new caller (but keeping its age on the timeline).
    /// </summary>
    public Task TransferToJourneyAsync(string callConnectionId, string agentId, string journey, CancellationToken ct) =>
        OnCallAsync(callConnectionId, agentId, async call =>
        {
            if (!routing.Journeys.ContainsKey(journey))
            {
                throw new CallControlException(400, "Unknown journey", $"'{journey}' is not a journey of the charter ({string.Join(", ", routing.Journeys.Keys.Order(StringComparer.Ordinal))}).");
            }

            if (call.IsOutbound)
            {
                throw new CallControlException(409, "Outbound call", "An outbound call cannot be sent to a queue; transfer it to an agent.");
            }

            await acs.RemoveParticipantAsync(call.CallConnectionId!, new CallRemoveParticipantRequest(CallIdentifierWire.For(call.AgentRawId!), "requeue"), ct);
            var now = time.GetUtcNow();
            var taskRef = $"{call.CallConnectionId}#{Guid.NewGuid().ToString("N")[..8]}";
            call.TaskRef = taskRef;
            call.Journey = journey;
            call.AgentId = null;
            call.AgentRawId = null;
            call.Phase = nameof(CallPhase.Queued);
            await timeline.StartedAsync(call, $"Agent {agentId} transferred the call to {journey}.", ct, key: $"requeued:{taskRef}", at: now);
            await calls.UpdateAsync(call, ct);
            await flow.PlayQueueAsync(call, ct);
        }, ct);

    /// <summary>Adds a supervisor's line; to listen in, they are muted as soon as ACS says they joined (<see cref="CallFlow"/>).</summary>
    public Task AddSupervisorAsync(string callConnectionId, string agentId, string supervisorId, bool listenOnly, CancellationToken ct) =>
        OnCallAsync(callConnectionId, agentId, async call =>
        {
            var target = await agents.TargetAsync(supervisorId, ct);
            var pstn = target.StartsWith(CallIdentifierWire.PhonePrefix, StringComparison.Ordinal);
            await acs.AddParticipantAsync(call.CallConnectionId!, new CallAddParticipantRequest(
                CallIdentifierWire.For(target), pstn && options.Value.CallerIdNumber is { } id ? new CallPhoneNumberWire(id) : null,
                options.Value.InvitationTimeoutSeconds, $"{CallFlow.SupervisorContext}{(listenOnly ? CallFlow.ListenOnlyMarker : "")}{supervisorId}"), ct);
        }, ct);

    /// <summary>Ends the call for everyone; ACS's CallDisconnected then ends it here.</summary>
    public Task HangUpAsync(string callConnectionId, string agentId, CancellationToken ct) =>
        OnCallAsync(callConnectionId, agentId, call => acs.TerminateAsync(call.CallConnectionId!, ct), ct);

    /// <summary>Recording and transcription pause; the caller's keys are collected in memory only.</summary>
    public Task StartSecureCaptureAsync(string callConnectionId, string agentId, CancellationToken ct) =>
        OnCallAsync(callConnectionId, agentId, async call =>
        {
            if (call.SecureSince is not null)
            {
                throw new CallControlException(409, "Secure capture already on", $"Secure capture on call {callConnectionId} started at {call.SecureSince:O}.");
            }

            // Pause first: not one key may reach the recording or the transcript.
            if (call.RecordingId is { } recording)
            {
                await acs.PauseRecordingAsync(recording, ct);
            }

            if (options.Value.TranscriptionLocale is { Length: > 0 })
            {
                await acs.StopTranscriptionAsync(call.CallConnectionId!, new CallTranscriptionRequest(null, "secure-capture"), ct);
            }

            secure.Begin(call.Id);
            call.SecureSince = time.GetUtcNow();
            await calls.UpdateAsync(call, ct);
            await acs.StartContinuousDtmfAsync(call.CallConnectionId!, new CallContinuousDtmfRequest(CallIdentifierWire.For(call.CallerRawId), "secure-capture"), ct);
        }, ct);

    public async Task<SecureCaptureStatus> SecureCaptureStatusAsync(string callConnectionId, string agentId, CancellationToken ct)
    {
        var call = await OwnedAsync(callConnectionId, agentId, ct);
        return secure.Status(call.Id);
    }

    /// <summary>Ends secure capture: keys forgotten, recording and transcription resumed, the paused interval noted on the timeline.</summary>
    public Task<SecureCaptureStatus> StopSecureCaptureAsync(string callConnectionId, string agentId, CancellationToken ct) =>
        OnCallAsync(callConnectionId, agentId, async call =>
        {
            if (call.SecureSince is not { } since)
            {
                throw new CallControlException(409, "Secure capture is not on", $"Call {callConnectionId} is not in secure capture.");
            }

            var status = secure.Status(call.Id);
            await acs.StopContinuousDtmfAsync(call.CallConnectionId!, new CallContinuousDtmfRequest(CallIdentifierWire.For(call.CallerRawId), "secure-capture"), ct);
            secure.End(call.Id);
            if (call.RecordingId is { } recording)
            {
                await acs.ResumeRecordingAsync(recording, ct);
            }

            if (options.Value.TranscriptionLocale is { Length: > 0 } locale)
            {
                await acs.StartTranscriptionAsync(call.CallConnectionId!, new CallTranscriptionRequest(locale, "secure-capture"), ct);
            }

            var now = time.GetUtcNow();
            call.SecureSince = null;
            await calls.UpdateAsync(call, ct);
            await timeline.NoteAsync(call, $"secure:{since.ToUnixTimeMilliseconds()}", now,
                $"Secure capture by agent {agentId}: recording and transcription paused from {since:HH:mm:ss} to {now:HH:mm:ss} UTC ({CallTimeline.Duration(now - since)}); {status.DigitCount} keys collected, not kept.", ct);
            return status;
        }, ct);

    /// <summary>
    /// Click-to-dial: ACS calls the customer; when they answer, the agent's line is added. The call is a voice task
    /// assigned to the agent from the start, so the router counts their capacity as taken until wrap-up.
    /// </summary>
    public async Task<string> DialAsync(string agentId, string to, CancellationToken ct)
    {
        var agentLine = await agents.TargetAsync(agentId, ct);
        if (options.Value.CallerIdNumber is not { } callerId)
        {
            throw new CallControlException(409, "No caller id", "Outbound calls need Voice:CallerIdNumber, the number the customer sees.");
        }

        // The call's task opens assigned to this agent; one the router does not know would be queued for others instead.
        if (await routingStore.GetAgentAsync(agentId, ct) is null)
        {
            throw new CallControlException(404, "Unknown agent", $"Agent {agentId} is not registered (PUT /api/agents/{agentId}).");
        }

        var customer = CallParties.RawIdOfPhone(to);
        var (kind, value) = CallParties.IdentityOf(customer);
        var call = new VoiceCall
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Direction = "out",
            CallerRawId = customer,
            IdentityKind = kind.ToString(),
            IdentityValue = value,
            ServiceNumber = callerId,
            Region = CallParties.RegionOf(customer),
            Phase = nameof(CallPhase.Answering),
            AgentId = agentId,
            AgentRawId = agentLine,
            StartedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
        };
        using (await locks.AcquireAsync(call.Id, ct))
        {
            await calls.InsertAsync(call, ct);
            var created = await acs.CreateAsync(new CallCreateRequest(
                [CallIdentifierWire.For(customer)], uris.ForCall(call.Id), new CallPhoneNumberWire(callerId), "dial", flow.Intelligence(), flow.Transcription(call.Id)), ct);
            call.CallConnectionId = created.CallConnectionId;
            call.ServerCallId = created.ServerCallId;
            await timeline.StartedAsync(call, $"Outbound call by agent {agentId}.", ct);
            await calls.UpdateAsync(call, ct);
        }

        logger.LogInformation("Agent {AgentId} dialled out: call {CallId}", agentId, call.Id);
        return call.CallConnectionId!;
    }

    private async Task<VoiceCall> OwnedAsync(string callConnectionId, string agentId, CancellationToken ct)
    {
        var call = await calls.FindByConnectionAsync(callConnectionId, ct)
            ?? throw new CallControlException(404, "Unknown call", $"No call {callConnectionId}.");
        if (call.CurrentPhase == CallPhase.Ended)
        {
            throw new CallControlException(409, "Call ended", $"Call {callConnectionId} has ended.");
        }

        if (call.AgentId != agentId || call.CurrentPhase is not (CallPhase.Connected or CallPhase.Connecting))
        {
            throw new CallControlException(403, "Not your call", $"Agent {agentId} is not on call {callConnectionId}.");
        }

        return call;
    }

    private Task<bool> OnCallAsync(string callConnectionId, string agentId, Func<VoiceCall, Task> action, CancellationToken ct) =>
        OnCallAsync(callConnectionId, agentId, async call =>
        {
            await action(call);
            return true;
        }, ct);

    private async Task<T> OnCallAsync<T>(string callConnectionId, string agentId, Func<VoiceCall, Task<T>> action, CancellationToken ct)
    {
        var known = await OwnedAsync(callConnectionId, agentId, ct);
        using (await locks.AcquireAsync(known.Id, ct))
        {
            var call = await OwnedAsync(callConnectionId, agentId, ct);
            return await action(call);
        }
    }
}
