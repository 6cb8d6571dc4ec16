using Connector.Worker.Assist;
using Connector.Worker.Audit;
using Connector.Worker.Insight;
using Connector.Worker.People;
using Connector.Worker.Qa;
using Connector.Worker.Retention;

namespace Connector.Worker.Api;

public static class ApiEndpoints
{
    /// <summary>
    /// The panel and admin API under <c>/api</c>: everyone signed in with a role gets past the group, each endpoint
    /// names the role it needs, and what a person may see of the work is checked by <see cref="WorkAccess"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapConnectorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Staff).WithTags("Connector");
        api.MapCustomers();
        api.MapCustomerCrm();
        api.MapConversations();
        api.MapAttachments();
        api.MapWrapUp();
        api.MapTasks();
        api.MapTaskQuarantine();
        api.MapInboundEvents();
        api.MapOutbox();
        api.MapRouting();
        api.MapPeople();
        api.MapPanelContext();
        api.MapQueues();
        api.MapAudit();
        api.MapLegalHolds();
        api.MapQa();
        api.MapInsights();
        api.MapStaffing();
        api.MapKpis();
        api.MapAgentAssist();
        return app;
    }
}
