using Connector.Core.Intake;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

public static class InboundEventEndpoints
{
    public static RouteGroupBuilder MapInboundEvents(this RouteGroupBuilder api)
    {
        api.MapPost("/inbound-events", AcceptAsync)
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Feeds one normalized channel event through intake (admin). A repeated eventId is acknowledged and changes nothing.");
        return api;
    }

    private static async Task<Results<Ok<IntakeResult>, ProblemHttpResult>> AcceptAsync(
        InboundEventRequest request, InboundEventIntake intake, TimeProvider time, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await intake.AcceptAsync(request.ToInboundEvent(time.GetUtcNow()), ct));
        }
        catch (InvalidInboundEventException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid inbound event", detail: ex.Message);
        }
    }
}
