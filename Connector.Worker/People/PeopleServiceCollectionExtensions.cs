using Connector.Worker.People.ApiKeys;
using Connector.Worker.People.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Connector.Worker.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>
    /// Who is calling and what they may do, with ASP.NET Core's own authentication and authorization: API keys,
    /// bearer tokens and browser sessions behind one default scheme (<see cref="AuthSchemes"/>), roles as policies
    /// (<see cref="Policies"/>), and what each person may see of the work (<see cref="WorkAccess"/>).
    /// </summary>
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<PeopleStore>();
        services.AddSingleton<WorkAccess>();
        services.AddAuthentication(AuthSchemes.Connector)
            .AddPolicyScheme(AuthSchemes.Connector, "API key, bearer token or session", o => o.ForwardDefaultSelector = AuthSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, DevelopmentLoopbackHandler>(AuthSchemes.DevelopmentLoopback, null)
            .AddCookie(AuthSchemes.Cookie, SessionCookie.Configure)
            .AddJwtBearer(AuthSchemes.Bearer);
        services.AddAuthorizationBuilder().AddConnectorPolicies();
        services.AddSingleton<SessionKeyRing>();
        services.AddDataProtection().SetApplicationName("Connector");
        services.AddOptions<KeyManagementOptions>().Configure<SessionKeyRing>((options, ring) => options.XmlRepository = ring);
        return services;
    }

    /// <summary>
    /// The caller (<c>/api/me</c>), the session's antiforgery token (<c>/api/antiforgery</c>), and the admins' key and
    /// local account management (<c>/api/keys</c>, <c>/api/accounts</c>).
    /// </summary>
    public static RouteGroupBuilder MapPeople(this RouteGroupBuilder api)
    {
        api.MapMe();
        api.MapAntiforgeryToken();
        api.MapKeys();
        api.MapAccounts();
        return api;
    }
}
