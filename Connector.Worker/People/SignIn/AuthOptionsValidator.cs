using Microsoft.Extensions.Options;

namespace Connector.Worker.People.SignIn;

/// <summary>Checks <c>Auth</c> at start; each failure names its key.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var oidc = options.Oidc;
        if (options.UsesOidc)
        {
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                failures.Add($"Auth:Oidc:Authority '{oidc.Authority}' is not an absolute https URL (the issuer, e.g. https://login.microsoftonline.com/TENANT/v2.0).");
            }
            else if (authority.Scheme == "http" && oidc.RequireHttpsMetadata)
            {
                failures.Add($"Auth:Oidc:Authority '{oidc.Authority}' is http: use https, or set Auth:Oidc:RequireHttpsMetadata=false for a provider on loopback in development.");
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                failures.Add("Auth:Oidc:ClientId is required with Auth:Oidc:Authority: the application's id at the provider.");
            }

            if (oidc.Roles.Agent.Count + oidc.Roles.Supervisor.Count + oidc.Roles.Admin.Count == 0)
            {
                failures.Add("Auth:Oidc:Roles: map at least one of the provider's groups or roles (Auth:Oidc:Roles:Agent, :Supervisor, :Admin), or nobody can sign in.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            failures.Add("Auth:Oidc:ClientId is set without Auth:Oidc:Authority: set the provider's issuer too, or remove the client id to use local accounts.");
        }

        if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
        {
            failures.Add("Auth:Oidc:RoleClaim must name the claim with the person's groups or roles (e.g. roles, groups, realm_access.roles).");
        }

        if (oidc.EffectiveScopes.FirstOrDefault(s => s == "openid") is null)
        {
            failures.Add($"Auth:Oidc:Scopes must include openid (got {string.Join(' ', oidc.Scopes)}).");
        }

        if (options.LocalAccounts.MaxFailedSignIns is < 1 or > 100)
        {
            failures.Add($"Auth:LocalAccounts:MaxFailedSignIns must be between 1 and 100 (got {options.LocalAccounts.MaxFailedSignIns}).");
        }

        if (options.LocalAccounts.LockoutMinutes is < 1 or > 1440)
        {
            failures.Add($"Auth:LocalAccounts:LockoutMinutes must be between 1 and 1440 (got {options.LocalAccounts.LockoutMinutes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
