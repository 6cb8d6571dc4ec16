using Connector.Worker.Api;
using Hangfire.Dashboard;

namespace Connector.Worker.Hosting;

/// <summary>
/// The Hangfire dashboard is for admins: the same rule as the admin API. The rule is looked up per request, so that
/// mapping the dashboard reads no options before start-up has validated them.
/// </summary>
internal sealed class DashboardAccessFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        return http.RequestServices.GetRequiredService<AdminAccess>().Allows(http);
    }
}
