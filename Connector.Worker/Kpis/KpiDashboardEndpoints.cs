using Connector.Worker.Panel;
using Connector.Worker.People;
using Connector.Worker.WebAssets;

namespace Connector.Worker.Kpis;

/// <summary>
/// The supervisors' KPI dashboard at <c>/dashboard</c>: a page for supervisors and admins (a browser is sent to sign
/// in) that reads <c>GET /api/kpis</c>. Its script and styles are bundled with the panel's and served from <c>/panel/</c>;
/// the page carries the panel's CSP.
/// </summary>
public static class KpiDashboardEndpoints
{
    public const string Path = "/dashboard";

    public static IEndpointRouteBuilder MapKpiDashboard(this IEndpointRouteBuilder app)
    {
        var page = EmbeddedWebAssets.Get("dashboard/index.html");
        app.MapGet(Path, (HttpContext http, PanelSecurityHeaders headers) =>
        {
            headers.Apply(http.Response);
            return page.Serve(http);
        }).RequireAuthorization(Policies.Supervisor).ExcludeFromDescription();
        return app;
    }
}
