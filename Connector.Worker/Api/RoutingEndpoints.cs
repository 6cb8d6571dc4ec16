using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

/// <summary>Agents, presence, offers and the router's explanations. Actions go to the deciding Worker as commands.</summary>
public static class RoutingEndpoints
{
    private static readonly TimeSpan CommandWait = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapRouting(this RouteGroupBuilder api)
    {
        api.MapGet("/agents", ListAgentsAsync).WithSummary("Every agent with their presence (the supervisor's view).");
        api.MapPut("/agents/{id}", PutAgentAsync).WithSummary("Creates or updates an agent: name, capacity profile, skills (1–10), languages, CRM user id.");
        api.MapPut("/agents/{id}/presence", PutPresenceAsync).WithSummary("The channels the agent is online for; an empty list is offline.");
        api.MapPost("/offers/{taskId:guid}/accept", (Guid taskId, OfferActionRequest body, IRoutingStore store, TimeProvider time, CancellationToken ct) =>
            OfferActionAsync(RoutingCommand.Accept, taskId, body, store, time, ct)).WithSummary("The agent accepts the task offered to them.");
        api.MapPost("/offers/{taskId:guid}/decline", (Guid taskId, OfferActionRequest body, IRoutingStore store, TimeProvider time, CancellationToken ct) =>
            OfferActionAsync(RoutingCommand.Decline, taskId, body, store, time, ct)).WithSummary("The agent declines; the task goes to the next agent, never back to them.");
        api.MapGet("/routing/decisions/{taskId:guid}", async (Guid taskId, IRoutingStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListDecisionsAsync(taskId, ct))).WithSummary("Every routing decision about a task: rule, score, candidates.");
        api.MapGet("/routing/sla-breaches", async (DateTimeOffset? since, IRoutingStore store, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok((await store.ListSlaBreachesAsync(since ?? time.GetUtcNow().AddDays(-1), ct)).Select(TaskResponse.From).ToList()))
            .WithSummary("Tasks that missed their channel's answer or first-response target since a time (supervisors), latest first.");
        return api;
    }

    private static async Task<Ok<List<AgentResponse>>> ListAgentsAsync(IRoutingStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAgentsAsync(ct)).Select(ToResponse).ToList());

    private static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> PutAgentAsync(
        string id, AgentRequest body, IRoutingStore store, RoutingPolicy policy, TimeProvider time, CancellationToken ct)
    {
        var profile = body.CapacityProfile ?? CapacityProfile.Standard.Name;
        if (!policy.CapacityProfiles.ContainsKey(profile))
        {
            return TypedResults.Problem(statusCode: 400, title: "Unknown capacity profile", detail: $"capacityProfile must be one of {string.Join(", ", policy.CapacityProfiles.Keys)}; got '{profile}'.");
        }

        if (body.Skills?.FirstOrDefault(s => s.Value is < 1 or > 10) is { Key: not null } bad)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid skill", detail: $"skills.{bad.Key}: proficiency must be between 1 and 10 (got {bad.Value}).");
        }

        var existing = await store.GetAgentAsync(id, ct);
        var now = time.GetUtcNow();
        var agent = new Agent(id, body.Name ?? existing?.Name ?? id, profile, body.Skills ?? existing?.Skills ?? new Dictionary<string, int>(),
            body.Languages ?? existing?.Languages ?? [], body.CrmUserId ?? existing?.CrmUserId, existing?.Channels ?? [], now);
        await store.UpsertAgentAsync(agent, ct);
        await store.EnqueueCommandAsync(RoutingCommand.AgentChanged, null, id, now, ct);
        return TypedResults.Ok(ToResponse(agent));
    }

    private static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> PutPresenceAsync(
        string id, PresenceRequest body, IRoutingStore store, TimeProvider time, CancellationToken ct)
    {
        var channels = new List<Channel>();
        foreach (var name in body.Channels ?? [])
        {
            if (!ChannelNames.TryParse(name, out var channel))
            {
                return TypedResults.Problem(statusCode: 400, title: "Unknown channel", detail: $"channels must be among {string.Join(", ", ChannelNames.All)}; got '{name}'.");
            }

            channels.Add(channel);
        }

        var now = time.GetUtcNow();
        if (!await store.SetAgentChannelsAsync(id, channels, now, ct))
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown agent", detail: $"No agent {id}; create it with PUT /api/agents/{id}.");
        }

        await store.EnqueueCommandAsync(RoutingCommand.AgentChanged, null, id, now, ct);
        return TypedResults.Ok(ToResponse((await store.GetAgentAsync(id, ct))!));
    }

    private static async Task<Results<Ok<CommandResponse>, ProblemHttpResult>> OfferActionAsync(
        string kind, Guid taskId, OfferActionRequest body, IRoutingStore store, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.AgentId))
        {
            return TypedResults.Problem(statusCode: 400, title: "agentId is required", detail: "Name the agent who acts on the offer.");
        }

        var id = await store.EnqueueCommandAsync(kind, taskId, body.AgentId, time.GetUtcNow(), ct);
        if (await store.WaitForCommandResultAsync(id, CommandWait, ct) is { } result)
        {
            return result.StartsWith("rejected", StringComparison.Ordinal)
                ? TypedResults.Problem(statusCode: 409, title: "Offer no longer open", detail: result)
                : TypedResults.Ok(new CommandResponse(result));
        }

        return TypedResults.Problem(statusCode: 503, title: "Router not answering", detail: $"No router took the {kind} within {CommandWait.TotalSeconds:0} s; it stays queued and will be applied when a router runs.");
    }

    private static AgentResponse ToResponse(Agent a) =>
        new(a.Id, a.Name, a.CapacityProfile, a.Skills, a.Languages, a.CrmUserId, a.Channels.Select(c => c.ToName()).ToList(), a.UpdatedAt);
}
