using System.Security.Claims;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// The connector's principal for a person, however they proved who they are (the provider's ID token, its access
/// token, a local password): their name, roles and the agent record they work as, linked by the provider's subject
/// or by email (<see cref="PeopleStore.FindAgentAsync"/>). Nothing of the provider's token is kept beyond that.
/// </summary>
internal sealed class SignedInPerson(PeopleStore people, TimeProvider time)
{
    /// <summary>A local account's id, so that its session ends when the account is disabled.</summary>
    public const string AccountClaim = "connector:account";

    /// <summary>The subject claim, which antiforgery tokens are bound to as well.</summary>
    public const string SubjectClaim = "sub";

    public async Task<ClaimsPrincipal> PrincipalAsync(
        string authenticationType, string? subject, string? email, string? name, IReadOnlyList<string> roles, string? accountId, CancellationToken ct)
    {
        // A local account links by email only: its id is no subject of any provider.
        var agentId = await people.FindAgentAsync(accountId is null ? subject : null, email, time.GetUtcNow(), ct);
        var id = subject ?? (accountId is null ? email : $"local:{accountId}") ?? "unknown";
        var claims = new List<Claim>
        {
            new(SubjectClaim, id),
            new(ClaimTypes.NameIdentifier, id),
            new(ClaimTypes.Name, name ?? email ?? id),
        };
        if (email is { Length: > 0 })
        {
            claims.Add(new Claim(ClaimTypes.Email, email));
        }

        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (agentId is not null)
        {
            claims.Add(new Claim(ConnectorClaims.AgentId, agentId));
        }

        if (accountId is not null)
        {
            claims.Add(new Claim(AccountClaim, accountId));
        }

        return Principal(authenticationType, claims);
    }

    /// <summary>
    /// The principal of these claims, with the identity's default name and role claim types that the claims above use:
    /// also how a sign-in handed from a popup to the CRM's frame is rebuilt (<see cref="Framed.SignInHandoff"/>).
    /// </summary>
    public static ClaimsPrincipal Principal(string authenticationType, IEnumerable<Claim> claims) =>
        new(new ClaimsIdentity(claims, authenticationType));
}
