using Connector.Worker.Api;
using Hangfire.Dashboard;

namespace Connector.Worker.Hosting;

/// <summary>The Hangfire dashboard is for admins: the same rule as the admin API.</summary>
internal sealed class DashboardAccessFilter(AdminAccess access) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => access.Allows(context.GetHttpContext());
}
