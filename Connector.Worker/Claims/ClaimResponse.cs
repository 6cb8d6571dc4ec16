using Connector.Core;

namespace Connector.Worker.Claims;

/// <summary>
/// A claimed identity as agents see it (the conversation read API, the panel's customer card): <c>state</c> is
/// <c>claimed</c> (not verified: nothing was linked by it) or <c>verified</c>, with who verified it.
/// </summary>
public sealed record ClaimResponse(
    Guid Id, string Kind, string Value, string Source, string State, DateTimeOffset CreatedAt, DateTimeOffset? VerifiedAt, string? VerifiedBy)
{
    internal static ClaimResponse From(IdentityClaim c) => new(
        c.Id, WireNames.Of(c.Identity.Kind), c.Identity.Value, c.Source, c.Verified ? "verified" : "claimed", c.CreatedAt, c.VerifiedAt, c.VerifiedBy);
}
