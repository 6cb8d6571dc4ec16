namespace Connector.Worker.Api;

public static class ApiEndpoints
{
    /// <summary>The panel and admin API under <c>/api</c>, behind <see cref="AdminAccess"/>.</summary>
    public static IEndpointRouteBuilder MapConnectorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<AdminAccessFilter>().WithTags("Connector");
        api.MapCustomers();
        api.MapConversations();
        api.MapWrapUp();
        api.MapTasks();
        api.MapInboundEvents();
        api.MapOutbox();
        api.MapRouting();
        return app;
    }
}
