using Connector.Core.Customers;

namespace Connector.Worker.Claims;

/// <summary>
/// An identity someone says is theirs without proof: what a web-chat visitor typed, the From of a mail without a
/// DMARC pass. It is kept on the claimant's customer and shown to agents; intake links it only once it is verified.
/// </summary>
/// <param name="CustomerId">The claimant: the visitor's customer (known by their chat identity) or the unverified sender.</param>
/// <param name="Source"><see cref="ClaimSources"/>: where the claim came from.</param>
/// <param name="ThreadId">The web chat's thread, for a visitor's claim.</param>
/// <param name="VerifiedBy"><c>code</c>, or <c>agent:{id}</c> for an agent's (supervisor's, admin's) confirmation.</param>
internal sealed record IdentityClaim(
    Guid Id, Guid CustomerId, CustomerIdentity Identity, string Source, string? ThreadId, bool Verified,
    DateTimeOffset CreatedAt, DateTimeOffset? VerifiedAt, string? VerifiedBy);

internal static class ClaimSources
{
    public const string Chat = "chat";
    public const string Email = "email";
}
