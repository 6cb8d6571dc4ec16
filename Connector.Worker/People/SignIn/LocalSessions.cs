using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// A local account's session lasts only while the account is enabled: each request looks the account up (one
/// read by key), so disabling it through the API ends its sessions at once instead of when the cookie expires.
/// </summary>
internal static class LocalSessions
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirst(SignedInPerson.AccountClaim)?.Value is not { } accountId)
        {
            return;
        }

        var store = context.HttpContext.RequestServices.GetRequiredService<LocalAccountStore>();
        if (await store.GetAsync(accountId, context.HttpContext.RequestAborted) is not { DisabledAt: null })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
        }
    }
}
