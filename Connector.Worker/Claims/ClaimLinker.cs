using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Worker.Chat;

namespace Connector.Worker.Claims;

/// <summary>
/// Links a verified claim through intake, as one event carrying the claimant's own identity and the claimed one, so
/// merges follow intake's rules (the oldest customer survives, different records of one CRM are kept apart and the
/// conflict recorded) and the CRM contact is synced as for any identity learnt.
/// </summary>
internal sealed class ClaimLinker(IdentityClaimStore claims, ChatSessionStore sessions, InboundEventIntake intake, TimeProvider time)
{
    public async Task<IdentityClaim> LinkAsync(IdentityClaim claim, string verifiedBy, CancellationToken ct)
    {
        var claimant = claim.Source == ClaimSources.Chat
            ? new InboundIdentity(IdentityKind.Chat, await sessions.FindVisitorAsync(claim.ThreadId!, ct)
                ?? throw new InvalidOperationException($"Claim {claim.Id} names chat thread {claim.ThreadId}, which has no session."))
            : new InboundIdentity(IdentityKind.UnverifiedEmail, claim.Identity.Value);
        var now = time.GetUtcNow();
        // One event id per claim: a repeat (a retry, a second agent's confirm) is intake's duplicate and changes nothing.
        await intake.AcceptAsync(new InboundEvent(
            $"claim-verified:{claim.Id}", claim.Source == ClaimSources.Chat ? Channel.Chat : Channel.Email, null, Direction.In, now,
            [claimant, new InboundIdentity(claim.Identity.Kind, claim.Identity.Value)]), ct);
        await claims.MarkVerifiedAsync(claim.Id, verifiedBy, now, ct);
        return (await claims.GetAsync(claim.Id, ct))!;
    }
}
