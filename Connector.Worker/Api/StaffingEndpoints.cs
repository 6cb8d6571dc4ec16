using Connector.Worker.People;
using Connector.Worker.Staffing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

/// <summary>Staffing per channel: pure computation over the caller's forecast, for supervisors and admins.</summary>
public static class StaffingEndpoints
{
    private static readonly StaffingInput.Fields QueryNames = new("channel", "perHour", "handleSeconds", "serviceLevel", "withinSeconds", "concurrency", "maxOccupancy");

    public static RouteGroupBuilder MapStaffing(this RouteGroupBuilder api)
    {
        api.MapGet("/staffing", Plan).RequireAuthorization(Policies.Supervisor)
            .WithSummary("The agents a channel needs: from perHour (forecast contacts), handleSeconds, serviceLevel (default 0.8) within withinSeconds, concurrency (default: the standard capacity profile's) and an optional maxOccupancy. Erlang C over agents × concurrency.");
        return api;
    }

    private static Results<Ok<StaffingPlan>, ValidationProblem> Plan(
        string? channel, string? perHour, string? handleSeconds, string? serviceLevel, string? withinSeconds, string? concurrency, string? maxOccupancy)
    {
        var input = new StaffingInput();
        var request = input.Read(QueryNames, channel, perHour, handleSeconds, serviceLevel, withinSeconds, concurrency, maxOccupancy);
        if (request is null)
        {
            var errors = input.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            return TypedResults.ValidationProblem(errors, title: $"Invalid {string.Join(", ", errors.Keys)}",
                detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        return TypedResults.Ok(StaffingPlanner.Plan(request));
    }
}
