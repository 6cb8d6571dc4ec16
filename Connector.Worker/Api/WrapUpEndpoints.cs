using System.Security.Claims;
using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

/// <summary>
/// Wrap-up: the agent finishes their task on a conversation with a disposition. The interaction's CRM sync (and its QA,
/// when the charter has a form for the channel) is queued first (outbox rows keyed by the task, so a repeated call
/// queues nothing twice), then the router is told, which completes the task and frees the agent's capacity.
/// </summary>
public static class WrapUpEndpoints
{
    public const int MaxDispositionLength = 255;
    public const int MaxNotesLength = 10_000;
    private static readonly TimeSpan CommandWait = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapWrapUp(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations/{id:guid}/wrap-up", WrapUpAsync)
            .RequireAuthorization(Policies.Agent)
            .WithSummary("The signed-in agent ends their part of the work with a disposition and notes; the interaction's CRM sync is queued.");
        return api;
    }

    private static async Task<IResult> WrapUpAsync(
        Guid id, WrapUpRequest body, ClaimsPrincipal user, IConnectorStore store, IRoutingStore routing, RoutingPolicy policy, SensitiveDataRedactor redactor, TimeProvider time, CancellationToken ct)
    {
        var (agentId, refusal) = ActingAgent.Of(user, body.AgentId);
        if (agentId is null)
        {
            return refusal!;
        }

        body = body with { AgentId = agentId };

        if (body.Disposition?.Length > MaxDispositionLength || body.Notes?.Length > MaxNotesLength)
        {
            return TypedResults.Problem(statusCode: 400, title: "Wrap-up too long",
                detail: $"disposition holds at most {MaxDispositionLength} characters and notes at most {MaxNotesLength}.");
        }

        if (await store.GetConversationAsync(id, ct) is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown conversation", detail: $"No conversation has the id {id}.");
        }

        var held = (await routing.ListOpenTasksAsync(id, ct))
            .Where(t => t.AssignedAgentId is not null && t.State is RoutingTaskState.Assigned or RoutingTaskState.WrapUp)
            .OrderByDescending(t => t.UpdatedAt)
            .ToList();
        var task = held.FirstOrDefault(t => t.AssignedAgentId == body.AgentId);
        if (task is null && held.Count > 0)
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your conversation", detail: $"Conversation {id} is held by another agent.");
        }

        if (task is null)
        {
            return TypedResults.Problem(statusCode: 409, title: "Nothing to wrap up",
                detail: $"No task of conversation {id} is assigned to {body.AgentId} (accept the offer first; a task already wrapped up is finished).");
        }

        if (DispositionRefusal(policy, task.Channel, body.Disposition) is { } wrongDisposition)
        {
            return wrongDisposition;
        }

        var now = time.GetUtcNow();
        var key = InteractionSyncPayload.KeyFor(id, task.Id);
        var payload = new InteractionSyncPayload(
            task.Id, body.AgentId, task.Channel.ToName(), string.IsNullOrWhiteSpace(body.Disposition) ? null : body.Disposition.Trim(),
            string.IsNullOrWhiteSpace(body.Notes) ? null : redactor.Redact(body.Notes.Trim()), now);
        await using (var tx = await store.BeginAsync(ct))
        {
            await tx.EnqueueOutboxAsync(OutboxMessage.New(
                OutboxKind.InteractionSync, key, task.CustomerId, id, task.Id, now, JsonSerializer.Serialize(payload, JsonSerializerOptions.Web)), ct);
            if (policy.QaForms.Any(f => f.Channels.Contains(task.Channel)))
            {
                // Scored off this request, by the qa.evaluate job, from the same facts.
                await tx.EnqueueOutboxAsync(OutboxMessage.New(
                    OutboxKind.QaEvaluate, InteractionSyncPayload.QaKeyFor(id, task.Id), task.CustomerId, id, task.Id, now, JsonSerializer.Serialize(payload, JsonSerializerOptions.Web)), ct);
            }

            // Its insight likewise (no row where nothing consumes insight.analyse).
            await tx.EnqueueOutboxAsync(OutboxMessage.New(
                OutboxKind.InsightAnalyse, InteractionSyncPayload.InsightKeyFor(id, task.Id), task.CustomerId, id, task.Id, now, JsonSerializer.Serialize(payload, JsonSerializerOptions.Web)), ct);
            await tx.CommitAsync(ct);
        }

        var command = await routing.EnqueueCommandAsync(RoutingCommand.WrapUp, task.Id, body.AgentId, now, ct);
        var result = await routing.WaitForCommandResultAsync(command, CommandWait, ct) ?? "queued";

        return TypedResults.Accepted($"/api/outbox?state=pending", new WrapUpResponse(task.Id, key, result));
    }

    /// <summary>
    /// A charter that lists dispositions makes them the only ones: the CRM gets a code its reports can count, not
    /// whatever was typed. Without the section any text goes, as before.
    /// </summary>
    private static ProblemHttpResult? DispositionRefusal(RoutingPolicy policy, Channel channel, string? disposition)
    {
        if (policy.Dispositions.Count == 0)
        {
            return null;
        }

        // A channel none of the codes is offered on has nothing to choose from: its work wraps up without one.
        var valid = policy.DispositionsFor(channel).Select(d => d.Code).ToList();
        var given = string.IsNullOrWhiteSpace(disposition) ? null : disposition.Trim();
        if (given is null ? valid.Count == 0 : valid.Contains(given, StringComparer.Ordinal))
        {
            return null;
        }

        return TypedResults.Problem(statusCode: 400, title: "Unknown disposition",
            detail: valid.Count == 0 ? $"disposition: the charter offers no disposition for {channel.ToName()} work; leave it out."
                : given is null ? $"disposition: choose one of the charter's codes for {channel.ToName()}: {string.Join(", ", valid)}."
                : $"disposition: '{given}' is not one of the charter's codes for {channel.ToName()}: {string.Join(", ", valid)}.",
            extensions: new Dictionary<string, object?> { ["field"] = "disposition", ["allowed"] = valid });
    }
}
