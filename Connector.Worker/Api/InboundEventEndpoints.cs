using Connector.Core.Customers;
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

    private static async Task<Results<Ok<IntakeResult>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        InboundEventRequest request, InboundEventIntake intake, IdentityNormalizer normalizer, TimeProvider time, CancellationToken ct)
    {
        try
        {
            var inbound = request.ToInboundEvent(time.GetUtcNow());
            CheckIdentities(inbound, normalizer);
            return TypedResults.Ok(await intake.AcceptAsync(inbound, ct));
        }
        catch (InvalidRequestFieldException ex)
        {
            return ex.ToProblem();
        }
        catch (InvalidInboundEventException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid inbound event", detail: ex.Message);
        }
    }

    /// <summary>Each identity normalizes (a phone number parses, an email has an @), named by its index.</summary>
    private static void CheckIdentities(InboundEvent inbound, IdentityNormalizer normalizer)
    {
        for (var n = 0; n < inbound.Identities.Count; n++)
        {
            try
            {
                normalizer.Normalize(inbound.Identities[n].Kind, inbound.Identities[n].Value);
            }
            catch (InvalidIdentityException ex)
            {
                throw new InvalidRequestFieldException($"identities[{n}].value", ex.Message);
            }
        }
    }
}
