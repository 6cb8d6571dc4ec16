using System.Security.Claims;
using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Worker.Api.Paging;
using Connector.Worker.Audit;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

/// <summary>
/// Agents, presence, offers and the router's explanations. Actions go to the deciding Worker as commands. Admins
/// manage agents; supervisors see and steer the agents of their queues; an agent acts on their own offers.
/// </summary>
public static class RoutingEndpoints
{
    private static readonly TimeSpan CommandWait = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapRouting(this RouteGroupBuilder api)
    {
        api.MapGet("/agents", ListAgentsAsync).RequireAuthorization(Policies.Supervisor)
            .WithSummary("The agents of the caller's queues with their presence per channel, the capacity their work holds and that work (every agent for admins).");
        api.MapPut("/agents/{id}", PutAgentAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Creates or updates an agent: name, capacity profile, skills (1–10), languages, CRM user id, the email they sign in with, the queues they supervise.");
        api.MapPut("/agents/{id}/presence", PutPresenceAsync)
            .WithSummary("The channels the agent is online for; an empty list is offline (away). The agent's own, or set away by their supervisor.");
        api.MapPost("/offers/{taskId:guid}/accept", (Guid taskId, OfferActionRequest? body, ClaimsPrincipal user, IRoutingStore store, TimeProvider time, CancellationToken ct) =>
            OfferActionAsync(RoutingCommand.Accept, taskId, body, user, store, time, ct)).RequireAuthorization(Policies.Agent)
            .WithSummary("The signed-in agent accepts the task offered to them.");
        api.MapPost("/offers/{taskId:guid}/decline", (Guid taskId, OfferActionRequest? body, ClaimsPrincipal user, IRoutingStore store, TimeProvider time, CancellationToken ct) =>
            OfferActionAsync(RoutingCommand.Decline, taskId, body, user, store, time, ct)).RequireAuthorization(Policies.Agent)
            .WithSummary("The signed-in agent declines; the task goes to the next agent, never back to them.");
        api.MapPost("/tasks/{taskId:guid}/reassign", ReassignAsync).RequireAuthorization(Policies.Supervisor)
            .WithSummary("A supervisor takes a task of their queue from the agent it is offered or given to; it is routed again, never back to them.");
        api.MapGet("/routing/decisions/{taskId:guid}", DecisionsAsync)
            .WithSummary("The routing decisions about a task in the order made: rule, score, candidates; paged (limit, cursor; Link rel=next). For the task's agent, its queue's supervisors, admins.");
        api.MapGet("/routing/sla-breaches", SlaBreachesAsync).RequireAuthorization(Policies.Supervisor)
            .WithSummary("Tasks of the caller's queues that missed their channel's answer or first-response target, latest breach first; paged (limit, cursor; Link rel=next), filtered by since (default a day ago), until, queue, channel.");
        return api;
    }

    private static async Task<Ok<List<AgentResponse>>> ListAgentsAsync(ClaimsPrincipal user, IRoutingStore store, WorkAccess access, RoutingPolicy policy, CancellationToken ct)
    {
        var queues = await access.SupervisedQueuesAsync(user, ct);
        var self = user.FindFirstValue(ConnectorClaims.AgentId);
        var agents = (await store.ListAgentsAsync(ct))
            .Where(a => queues is null || a.Id == self || queues.Any(q => QueueAgents.Serves(policy, q, a))).ToList();
        // Only the work these agents hold, which their capacity bounds: never every open task.
        var held = (await store.ListHeldTasksAsync(queues is null ? null : [.. agents.Select(a => a.Id)], ct)).ToLookup(t => t.Task.AssignedAgentId ?? "", StringComparer.Ordinal);
        return TypedResults.Ok(agents.Select(a => AgentBoard.With(ToResponse(a), policy, held[a.Id])).ToList());
    }

    private static async Task<IResult> DecisionsAsync(
        Guid taskId, string? limit, string? cursor, HttpContext http, ClaimsPrincipal user, IRoutingStore store, WorkAccess access, CancellationToken ct)
    {
        var check = new ListQuery();
        var take = check.Limit(limit);
        var after = check.Cursor(cursor, PageCursor.TimeAndId);
        if (check.Problem is { } problem)
        {
            return problem;
        }

        if (await store.FindTaskAsync(taskId, ct) is not { } task)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown task", detail: $"No task has the id {taskId}.");
        }

        return await access.CanSeeTaskAsync(user, task, ct)
            ? PagedResults.Ok(http, await store.ListDecisionsAsync(taskId, after, take, ct), d => d, d => PageCursor.Encode(d.At, d.Id))
            : TypedResults.Problem(statusCode: 403, title: "Not your task", detail: "It is not yours, nor in a queue you supervise.");
    }

    private static async Task<IResult> ReassignAsync(Guid taskId, ClaimsPrincipal user, IRoutingStore store, WorkAccess access, TimeProvider time, CancellationToken ct)
    {
        if (await store.FindTaskAsync(taskId, ct) is not { } task)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown task", detail: $"No task has the id {taskId}.");
        }

        // Seeing a task of one's own is not enough here: the queue must be the supervisor's (any, for an admin).
        if (await access.SupervisedQueuesAsync(user, ct) is { } queues && (task.Queue is not { } queue || !queues.Contains(queue)))
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your queue", detail: "The task is not in a queue you supervise.");
        }

        if (task.State is not (RoutingTaskState.Offered or RoutingTaskState.Assigned) || task.AssignedAgentId is not { } holder)
        {
            return TypedResults.Problem(statusCode: 409, title: "Nobody holds the task", detail: $"Task {taskId} is {Connector.Core.WireNames.Of(task.State)}: only an offered or assigned task can be taken from its agent.");
        }

        // The router's requeue: the agent loses the task for good, it keeps its age and goes to the next best agent.
        var id = await store.EnqueueCommandAsync(RoutingCommand.Requeue, taskId, holder, time.GetUtcNow(), ct);
        return await RouterAnswerAsync(store, id, "reassignment", "Task moved on", ct);
    }

    /// <summary>Supervisors and admins (agents 403): the breaches of the caller's queues (and their own tasks), filtered in SQL before paging.</summary>
    private static async Task<Results<Ok<List<TaskResponse>>, ValidationProblem>> SlaBreachesAsync(
        string? since, string? until, string? queue, string? channel, string? limit, string? cursor,
        HttpContext http, ClaimsPrincipal user, IRoutingStore store, WorkAccess access, TimeProvider time, CancellationToken ct)
    {
        var check = new ListQuery();
        var query = new SlaBreachQuery(
            WorkScope.Everything,
            check.Limit(limit),
            check.Time("since", since) ?? time.GetUtcNow().AddDays(-1),
            check.Time("until", until),
            check.Text("queue", queue),
            check.Name<Channel>("channel", channel),
            check.Cursor(cursor, PageCursor.TimeAndId));
        check.Ordered(query.Since, query.Until);
        if (check.Problem is { } problem)
        {
            return problem;
        }

        var page = await store.ListSlaBreachesAsync(query with { Scope = await access.TaskScopeAsync(user, ct) }, ct);
        return PagedResults.Ok(http, page, TaskResponse.From, t => PageCursor.Encode(new[] { t.SlaBreachedAt, t.FirstResponseBreachedAt }.Max()!.Value, t.Id));
    }

    private static async Task<Results<Ok<AgentResponse>, ValidationProblem>> PutAgentAsync(
        string id, AgentRequest body, ClaimsPrincipal user, IRoutingStore store, PeopleStore people, AuditLog audit, RoutingPolicy policy, TimeProvider time, CancellationToken ct)
    {
        var profile = body.CapacityProfile ?? CapacityProfile.Standard.Name;
        if (!policy.CapacityProfiles.ContainsKey(profile))
        {
            return Invalid("capacityProfile", $"capacityProfile must be one of {string.Join(", ", policy.CapacityProfiles.Keys)}; got '{profile}'.");
        }

        if (id.Length > MaxNameLength || body.Name is { Length: > MaxNameLength } || body.CrmUserId is { Length: > MaxNameLength })
        {
            var field = id.Length > MaxNameLength ? "id" : body.Name is { Length: > MaxNameLength } ? "name" : "crmUserId";
            return Invalid(field, $"{field} is longer than {MaxNameLength} characters.");
        }

        if (body.Skills?.FirstOrDefault(s => s.Value is < 1 or > 10 || string.IsNullOrWhiteSpace(s.Key) || s.Key.Length > MaxNameLength) is { Key: not null } bad)
        {
            return Invalid($"skills.{bad.Key}", $"skills.{bad.Key}: a skill is named (at most {MaxNameLength} characters) and its proficiency is between 1 and 10 (got {bad.Value}).");
        }

        if (body.Languages?.FindIndex(l => string.IsNullOrWhiteSpace(l) || l.Length > MaxNameLength) is >= 0 and var language)
        {
            return Invalid($"languages[{language}]", $"languages[{language}] is empty or longer than {MaxNameLength} characters.");
        }

        if (body.Supervises?.FindIndex(string.IsNullOrWhiteSpace) is >= 0 and var empty)
        {
            return Invalid($"supervises[{empty}]", "supervises: a queue name is empty.");
        }

        if (body.Supervises?.FirstOrDefault(q => !policy.Queues.ContainsKey(q)) is { } unknownQueue)
        {
            return Invalid("supervises", $"supervises: '{unknownQueue}' is not a queue of the charter ({string.Join(", ", policy.Queues.Keys)}).");
        }

        if (body.Email is { Length: > 0 } email && (email.Length > MaxNameLength || !System.Net.Mail.MailAddress.TryCreate(email, out _)))
        {
            return Invalid("email", $"email: '{email}' is not an email address.");
        }

        var existing = await store.GetAgentAsync(id, ct);
        var now = time.GetUtcNow();
        var agent = new Agent(id, body.Name ?? existing?.Name ?? id, profile, body.Skills ?? existing?.Skills ?? new Dictionary<string, int>(),
            body.Languages ?? existing?.Languages ?? [], body.CrmUserId ?? existing?.CrmUserId, existing?.Channels ?? [], now);
        await store.UpsertAgentAsync(agent, ct);
        var person = await people.SaveAsync(id, string.IsNullOrWhiteSpace(body.Email) ? null : body.Email, body.Supervises, now, ct);
        await store.EnqueueCommandAsync(RoutingCommand.AgentChanged, null, id, now, ct);
        await audit.WriteAsync(AuditActor.Of(user), AuditKinds.AgentChanged, $"agent:{id}", new { created = existing is null, body.Name, body.CapacityProfile, body.Skills, body.Languages, body.CrmUserId, body.Email, body.Supervises }, ct);
        return TypedResults.Ok(ToResponse(agent) with { Email = person.Email, Supervises = person.Supervises });
    }

    private static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> PutPresenceAsync(
        string id, PresenceRequest body, ClaimsPrincipal user, IRoutingStore store, WorkAccess access, RoutingPolicy policy, TimeProvider time, CancellationToken ct)
    {
        if (user.FindFirstValue(ConnectorClaims.AgentId) != id && !user.IsInRole(Roles.Admin))
        {
            // A supervisor may set an agent of their queues away; only the agent puts themselves online.
            var queues = await access.SupervisedQueuesAsync(user, ct) ?? new HashSet<string>();
            var agent = await store.GetAgentAsync(id, ct);
            if (agent is null || body.Channels is { Count: > 0 } || !queues.Any(q => QueueAgents.Serves(policy, q, agent)))
            {
                return TypedResults.Problem(statusCode: 403, title: "Not your presence",
                    detail: "Agents set their own presence; a supervisor may set an agent of their queues away (an empty list).");
            }
        }

        var channels = new List<Channel>();
        foreach (var name in body.Channels ?? [])
        {
            if (!ChannelNames.TryParse(name, out var channel))
            {
                return TypedResults.Problem(statusCode: 400, title: "Unknown channel", detail: $"channels must be among {string.Join(", ", ChannelNames.All)}; got '{name}'.",
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["channels"] = [$"'{name}' is not a channel."] } });
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

    private static async Task<IResult> OfferActionAsync(
        string kind, Guid taskId, OfferActionRequest? body, ClaimsPrincipal user, IRoutingStore store, TimeProvider time, CancellationToken ct)
    {
        var (agentId, refusal) = ActingAgent.Of(user, body?.AgentId);
        if (refusal is not null)
        {
            return refusal;
        }

        // Work offered or given to another agent is refused here; an offer of theirs that has lapsed is the router's to answer (409).
        if (await store.FindTaskAsync(taskId, ct) is { IsOpen: true, AssignedAgentId: { } holder } && holder != agentId)
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your offer", detail: $"Task {taskId} is another agent's.");
        }

        var id = await store.EnqueueCommandAsync(kind, taskId, agentId, time.GetUtcNow(), ct);
        return await RouterAnswerAsync(store, id, kind, "Offer no longer open", ct);
    }

    /// <summary>The router's answer to a command: 200 with what it did, 409 when it rejected it, 503 when no router answered in time.</summary>
    private static async Task<IResult> RouterAnswerAsync(IRoutingStore store, long id, string what, string rejectedTitle, CancellationToken ct) =>
        await store.WaitForCommandResultAsync(id, CommandWait, ct) switch
        {
            null => TypedResults.Problem(statusCode: 503, title: "Router not answering",
                detail: $"No router took the {what} within {CommandWait.TotalSeconds:0} s; it stays queued and will be applied when a router runs."),
            var result when result.StartsWith("rejected", StringComparison.Ordinal) => TypedResults.Problem(statusCode: 409, title: rejectedTitle, detail: result),
            var result => TypedResults.Ok(new CommandResponse(result)),
        };

    /// <summary>Names, ids and languages are short; a longer one is not a person's.</summary>
    private const int MaxNameLength = 256;

    private static ValidationProblem Invalid(string field, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [detail] }, title: $"Invalid {field}");

    private static AgentResponse ToResponse(Agent a) =>
        new(a.Id, a.Name, a.CapacityProfile, a.Skills, a.Languages, a.CrmUserId, a.Channels.Select(c => c.ToName()).ToList(), a.UpdatedAt);
}
