namespace Connector.Worker.People.SignIn;

/// <summary>
/// Configuration section <c>Auth</c>: how people sign in. With <c>Auth:Oidc:Authority</c> set, browsers sign in at
/// the company's OpenID provider and API clients send its tokens; without it, local accounts sign in with a password.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public OidcOptions Oidc { get; set; } = new();
    public JwtOptions Jwt { get; set; } = new();
    public LocalAccountOptions LocalAccounts { get; set; } = new();

    public bool UsesOidc => !string.IsNullOrWhiteSpace(Oidc.Authority);
}

/// <summary><c>Auth:Oidc</c>: the OpenID provider (Entra ID, Okta, Auth0, Keycloak, Salesforce…) and how its claims map.</summary>
public sealed class OidcOptions
{
    public static IReadOnlyList<string> DefaultScopes { get; } = ["openid", "profile", "email"];

    public const string DefaultDisplayName = "single sign-on";

    /// <summary>How the provider is named to people: "Sign in with {DisplayName}" (the button inside the CRM's frame).</summary>
    public string DisplayName { get; set; } = DefaultDisplayName;

    /// <summary>The issuer, whose <c>/.well-known/openid-configuration</c> describes it.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Empty: <see cref="DefaultScopes"/> (a list bound over a filled default would be appended to, not replaced).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>
    /// The claim carrying the person's groups or roles: <c>roles</c> (Entra app roles), <c>groups</c> (Okta, Entra
    /// groups, a Keycloak groups mapper), a path into a JSON claim such as <c>realm_access.roles</c> (Keycloak), or a
    /// namespaced custom claim (Auth0, Salesforce custom attributes).
    /// </summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim with the address that links the person to their agent record (PUT /api/agents/{id} email).</summary>
    public string EmailClaim { get; set; } = "email";

    public string NameClaim { get; set; } = "name";

    /// <summary>
    /// The claim that names the person for good, kept on their agent record once linked: <c>sub</c>, or Entra's
    /// <c>oid</c>, which is the same in ID and access tokens.
    /// </summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>Which values of <see cref="RoleClaim"/> make which of our roles; a person matching none is refused.</summary>
    public OidcRoleMap Roles { get; set; } = new();

    /// <summary>False only for a provider on loopback in tests or development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public IReadOnlyList<string> EffectiveScopes => Scopes.Count > 0 ? Scopes : DefaultScopes;
}

/// <summary><c>Auth:Oidc:Roles</c>: the IdP's group or role values (names or ids) for each of our roles.</summary>
public sealed class OidcRoleMap
{
    public List<string> Agent { get; set; } = [];
    public List<string> Supervisor { get; set; } = [];
    public List<string> Admin { get; set; } = [];
}

/// <summary><c>Auth:Jwt</c>: bearer tokens from the same provider for API clients and the hub.</summary>
public sealed class JwtOptions
{
    /// <summary>The audience (<c>aud</c>) API tokens must be issued for; the client id when not set.</summary>
    public string? Audience { get; set; }
}

/// <summary><c>Auth:LocalAccounts</c>: guessing passwords costs time.</summary>
public sealed class LocalAccountOptions
{
    /// <summary>Wrong passwords in a row before the account is locked for <see cref="LockoutMinutes"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;
}
