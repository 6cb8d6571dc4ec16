using Connector.Core.Voice;
using Connector.Worker.Acs;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Voice;

/// <summary>
/// Puts the agent who accepted a call on it: the queue music stops and ACS invites the agent's line (the ACS user of
/// their panel, or the phone number configured for them). Idempotent: an agent already invited is not invited again.
/// </summary>
internal sealed class CallAgentConnector(VoiceCallStore calls, CallFlow flow, CallLocks locks, AcsCallAutomationClient acs, IOptions<VoiceOptions> options, ILogger<CallAgentConnector> logger)
{
    /// <returns>False when the call is over or unknown (nothing to connect).</returns>
    public async Task<bool> ConnectAsync(string callConnectionId, string agentId, CancellationToken ct)
    {
        if (await calls.FindByConnectionAsync(callConnectionId, ct) is not { } known)
        {
            logger.LogWarning("No call {CallConnectionId} to connect agent {AgentId} to", callConnectionId, agentId);
            return false;
        }

        using (await locks.AcquireAsync(known.Id, ct))
        {
            var call = (await calls.GetAsync(known.Id, ct))!;
            if (call.CurrentPhase == CallPhase.Ended)
            {
                return false;
            }

            if (call.CurrentPhase is CallPhase.Connecting or CallPhase.Connected && call.AgentId == agentId)
            {
                return true;
            }

            var target = await TargetAsync(agentId, ct);
            if (call.CurrentPhase == CallPhase.Queued)
            {
                try
                {
                    await acs.CancelAllMediaOperationsAsync(call.CallConnectionId!, ct);
                }
                catch (AcsRequestFailedException ex)
                {
                    // Nothing playing is no reason not to connect the agent.
                    logger.LogInformation("Stopping the queue audio of call {CallId} failed ({Code}); connecting anyway", call.Id, ex.ErrorCode);
                }
            }

            await flow.AddAgentAsync(call, agentId, target, ct);
            await calls.UpdateAsync(call, ct);
            return true;
        }
    }

    /// <summary>The agent's line: the ACS user the panel registered, else the configured phone number.</summary>
    public async Task<string> TargetAsync(string agentId, CancellationToken ct)
    {
        var endpoint = await calls.GetAgentEndpointAsync(agentId, ct);
        if (endpoint?.AcsUserId is { Length: > 0 } user)
        {
            return user;
        }

        var phone = endpoint?.PhoneNumber ?? options.Value.AgentPhoneNumbers.GetValueOrDefault(agentId);
        return phone is { Length: > 0 }
            ? CallParties.RawIdOfPhone(phone)
            : throw new InvalidOperationException(
                $"Agent {agentId} has no line for calls: the panel registers one (PUT /api/voice/agents/{agentId}/line) or Voice:AgentPhoneNumbers:{agentId} names a phone.");
    }
}
