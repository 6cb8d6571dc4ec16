using System.Security.Cryptography;
using System.Text;
using Connector.Worker.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c>: an admin (key or sign-in), or Prometheus with the scrape key. Prometheus cannot send
/// an <c>X-Api-Key</c> header, but it sends <c>Authorization: Bearer …</c> from <c>authorization.credentials_file</c>;
/// the scrape key opens this one endpoint and nothing else, so a leaked Prometheus config cannot act as an admin.
/// </summary>
internal static class MetricsScrapeAccess
{
    public const string Policy = "metrics-scrape";

    public static AuthorizationBuilder AddMetricsScrapePolicy(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(Policy, p => p.RequireAssertion(context =>
            (context.User.Identity?.IsAuthenticated == true && context.User.HasRoleOrWider(Roles.Admin))
            || (context.Resource is HttpContext http && HasScrapeKey(http))));

    private static bool HasScrapeKey(HttpContext http)
    {
        if (http.RequestServices.GetRequiredService<IOptions<TelemetryOptions>>().Value.ScrapeKey is not { Length: > 0 } key)
        {
            return false;
        }

        const string scheme = "Bearer ";
        var authorization = http.Request.Headers.Authorization.ToString();
        return authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(key));
    }
}
