using Connector.Worker.People.SignIn;

namespace Connector.Worker.Tests.People;

/// <summary>Start-up refuses an <c>Auth</c> section that could not sign anyone in, naming the key.</summary>
public sealed class AuthOptionsValidatorTests
{
    [Fact]
    public void Nothing_configured_means_local_accounts_and_is_valid()
    {
        Assert.True(new AuthOptionsValidator().Validate(null, new AuthOptions()).Succeeded);
    }

    [Fact]
    public void A_provider_without_client_id_or_mapped_roles_or_over_http_is_refused_naming_each_key()
    {
        var options = new AuthOptions { Oidc = { Authority = "http://idp.example.com" } };
        var failures = new AuthOptionsValidator().Validate(null, options).Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Auth:Oidc:Authority", StringComparison.Ordinal) && f.Contains("RequireHttpsMetadata", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Auth:Oidc:ClientId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Auth:Oidc:Roles", StringComparison.Ordinal));
    }

    [Fact]
    public void A_client_id_without_a_provider_or_scopes_without_openid_are_refused()
    {
        var options = new AuthOptions { Oidc = { ClientId = "abc", Scopes = ["profile"] }, LocalAccounts = { MaxFailedSignIns = 0 } };
        var failures = new AuthOptionsValidator().Validate(null, options).Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Auth:Oidc:ClientId is set without Auth:Oidc:Authority", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Auth:Oidc:Scopes", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Auth:LocalAccounts:MaxFailedSignIns", StringComparison.Ordinal));
    }

    [Fact]
    public void A_complete_provider_over_https_is_valid()
    {
        var options = new AuthOptions { Oidc = { Authority = "https://login.example.com/tenant/v2.0", ClientId = "abc", Roles = { Agent = ["agents"] } } };
        Assert.True(new AuthOptionsValidator().Validate(null, options).Succeeded);
    }
}
