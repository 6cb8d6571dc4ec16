namespace Connector.Worker.People.SignIn;

/// <summary>
/// The antiforgery cookie, always <c>Secure</c> and partitioned like the session cookie it travels with. Antiforgery refuses
/// <c>SecurePolicy=Always</c> on a request that is not https (it throws), although browsers accept a Secure cookie
/// from a loopback http origin (a secure context), where the Worker runs in development and tests. So the policy
/// says "as the request" to pass that check and the cookie is made Secure here all the same: on a deployed
/// Worker (https, or a proxy's X-Forwarded-Proto) nothing changes.
/// </summary>
internal sealed class AlwaysSecureCookie : CookieBuilder
{
    public AlwaysSecureCookie(string name)
    {
        Name = name;
        SameSite = SameSiteMode.None;
        HttpOnly = true;
        IsEssential = true;
        SecurePolicy = CookieSecurePolicy.SameAsRequest;
        Extensions.Add(SessionCookie.Partitioned);
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        return options;
    }
}
