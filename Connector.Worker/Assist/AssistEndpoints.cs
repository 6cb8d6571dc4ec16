using System.Security.Claims;
using Connector.Core.Compliance;
using Connector.Core.Storage;
using Connector.Worker.Api.Paging;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Assist;

/// <summary>
/// Suggestions for the conversation an agent holds, and what the agent did with them. The agent holding the
/// conversation, the supervisor of its queue and admins may read the suggestions; another agent 403. Uses are recorded
/// by the agent who holds it, as that agent.
/// </summary>
internal static class AssistEndpoints
{
    public const int MaxDraftText = 4000;

    public static RouteGroupBuilder MapAssist(this RouteGroupBuilder api)
    {
        api.MapGet("/conversations/{id:guid}/assist", GetAsync).WithTags("Assist")
            .WithSummary("Top knowledge articles and published replies for the customer's latest messages (score and why), and with an AI service a drafted reply grounded in them (else draftUnavailable says why).");
        api.MapPost("/conversations/{id:guid}/assist/uses", UseAsync).RequireAuthorization(Policies.Agent).WithTags("Assist")
            .WithSummary("Records what the agent holding the conversation did with a suggestion: suggestionId, kind (article|reply|draft), action (shown|inserted|sent|dismissed), text for an inserted draft.");
        api.MapGet("/assist/usage", UsageAsync).RequireAuthorization(Policies.Admin).WithTags("Assist")
            .WithSummary("Per suggestion: shown, inserted, sent, dismissed, used (a sent reply matched an insert) and by how many agents, most inserted first; kind filters, limit (1-1000, default 100).");
        return api;
    }

    private static async Task<Results<Ok<AssistResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, WorkAccess access, AssistSuggestions suggestions, CancellationToken ct)
    {
        if (!await MayAssistAsync(user, id, access, ct))
        {
            return NotYours(id);
        }

        return await suggestions.ForAsync(id, ct) is { } response
            ? TypedResults.Ok(response)
            : TypedResults.Problem(statusCode: 404, title: "Unknown conversation", detail: $"No conversation has the id {id}.");
    }

    private static async Task<Results<Created<AssistUse>, ValidationProblem, ProblemHttpResult>> UseAsync(
        Guid id, AssistUseRequest body, ClaimsPrincipal user, WorkAccess access, AssistUseStore uses, KnowledgeArticleStore articles,
        ReplyLibraryStore library, SensitiveDataRedactor redactor, TimeProvider time, CancellationToken ct)
    {
        var agentId = user.FindFirstValue(ConnectorClaims.AgentId)!;
        if (!await access.HoldsConversationAsync(agentId, id, ct))
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your conversation", detail: $"Agent {agentId} holds no task of conversation {id}.");
        }

        var fields = new RequestFields();
        var kind = fields.OneOf("kind", body.Kind, AssistUse.Kinds);
        var action = fields.OneOf("action", body.Action, AssistUse.Actions);
        var suggestionId = fields.Text("suggestionId", body.SuggestionId, 100);
        string? text = null;
        if (kind == "draft" && action == AssistUse.Inserted)
        {
            text = redactor.Redact(fields.Text("text", body.Text, MaxDraftText));
        }
        else if (body.Text is not null)
        {
            fields.Fail("text", "text is only for an inserted draft: an article's or reply's text is known already.");
        }

        if (fields.Problem is null && kind is "article" or "reply")
        {
            var known = Guid.TryParse(suggestionId, out var guid) && (kind == "article"
                ? await articles.GetAsync(guid, ct) is not null
                : await library.GetAsync(guid, ct) is { State: LibraryReply.Published });
            if (!known)
            {
                fields.Fail("suggestionId", kind == "article" ? "No knowledge article has this id." : "No published reply has this id.");
            }
            else
            {
                suggestionId = guid.ToString();
            }
        }
        else if (fields.Problem is null && !Guid.TryParse(suggestionId, out _))
        {
            fields.Fail("suggestionId", "A draft's id is the id the assist answer gave it.");
        }

        if (fields.Problem is { } problem)
        {
            return problem;
        }

        var use = new AssistUse(Guid.CreateVersion7(), id, agentId, kind, suggestionId, action, text, null, time.GetUtcNow());
        await uses.AddAsync(use, ct);
        return TypedResults.Created($"/api/conversations/{id}/assist/uses/{use.Id}", use);
    }

    private static async Task<Results<Ok<List<SuggestionUsage>>, ValidationProblem>> UsageAsync(string? kind, string? limit, AssistUseStore uses, CancellationToken ct)
    {
        var check = new ListQuery();
        var take = check.Limit(limit);
        if (kind is not null && !AssistUse.Kinds.Contains(kind))
        {
            check.Reject("kind", $"kind must be one of {string.Join(", ", AssistUse.Kinds)}.");
        }

        return check.Problem is { } problem ? problem : TypedResults.Ok((await uses.UsageAsync(kind, take, ct)).ToList());
    }

    /// <summary>Admins; the agent holding the conversation now; a supervisor of a queue the conversation's work reached.</summary>
    private static async Task<bool> MayAssistAsync(ClaimsPrincipal user, Guid conversationId, WorkAccess access, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }

        if (user.FindFirstValue(ConnectorClaims.AgentId) is { } agentId && await access.HoldsConversationAsync(agentId, conversationId, ct))
        {
            return true;
        }

        return user.IsInRole(Roles.Supervisor) && (await access.SupervisedQueuesAsync(user, ct))?.Count > 0 && await access.CanSeeConversationAsync(user, conversationId, ct);
    }

    private static ProblemHttpResult NotYours(Guid id) => TypedResults.Problem(statusCode: 403, title: "Not your conversation",
        detail: $"Suggestions for conversation {id} are for the agent holding it, the supervisor of its queue and admins.");
}
