using System.Security.Claims;
using Connector.Ai.Assist;
using Connector.Core.Compliance;
using Connector.Worker.Api.Paging;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Assist;

/// <summary>
/// The reviewed reply library, as Einstein Reply Recommendations keeps one: an admin mines candidates from the replies
/// agents sent, reviews each (editing it if need be) and publishes or rejects it. Only published replies are suggested.
/// </summary>
internal static class ReplyLibraryEndpoints
{
    public const int MaxText = 2000;

    public static readonly TimeSpan DefaultMiningWindow = TimeSpan.FromDays(90);

    public static RouteGroupBuilder MapReplyLibrary(this RouteGroupBuilder api)
    {
        var library = api.MapGroup("").RequireAuthorization(Policies.Admin).WithTags("Assist");
        library.MapPost("/assist/replies/mine", MineAsync)
            .WithSummary("Mines candidates from the replies agents sent since `since` (default 90 days): normalized, near-duplicates grouped, groups sent fewer than minSent times (default 3) or by fewer than minAgents agents (default 2) left out. New groups become candidates; known ones get their new counts.");
        library.MapGet("/assist/replies", ListAsync)
            .WithSummary("The library, most sent first: state=candidate|published|rejected (default all), limit (1-1000, default 100).");
        library.MapPut("/assist/replies/{id:guid}", ReviewAsync)
            .WithSummary("An admin's review: state (published, rejected, or candidate again) and optionally the edited text.");
        return api;
    }

    private static async Task<Results<Ok<MiningResult>, ValidationProblem>> MineAsync(
        MineRepliesRequest? body, ReplyLibraryStore library, ReplyMiner miner, TimeProvider time, CancellationToken ct)
    {
        var fields = new RequestFields();
        var now = time.GetUtcNow();
        var since = body?.Since ?? now - DefaultMiningWindow;
        if (since > now)
        {
            fields.Fail("since", "since is in the future.");
        }

        var thresholds = new MiningThresholds(
            fields.Between("minSent", body?.MinSent, MiningThresholds.Default.MinSent, 2, 1000),
            fields.Between("minAgents", body?.MinAgents, MiningThresholds.Default.MinAgents, 1, 1000));
        if (fields.Problem is { } problem)
        {
            return problem;
        }

        var replies = await library.SentRepliesAsync(since, ct);
        var mined = miner.Mine(replies, thresholds, ct);
        var (added, updated) = await library.MergeAsync(mined, now, ct);
        return TypedResults.Ok(new MiningResult(replies.Count, mined.Count, added, updated));
    }

    private static async Task<Results<Ok<List<LibraryReply>>, ValidationProblem>> ListAsync(string? state, string? limit, ReplyLibraryStore library, CancellationToken ct)
    {
        var check = new ListQuery();
        var take = check.Limit(limit);
        if (state is not null && !LibraryReply.States.Contains(state))
        {
            check.Reject("state", $"state must be one of {string.Join(", ", LibraryReply.States)}.");
        }

        return check.Problem is { } problem ? problem : TypedResults.Ok((await library.ListAsync(state, take, ct)).ToList());
    }

    private static async Task<Results<Ok<LibraryReply>, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        Guid id, ReviewReplyRequest body, ClaimsPrincipal user, ReplyLibraryStore library, SensitiveDataRedactor redactor, TimeProvider time, CancellationToken ct)
    {
        var fields = new RequestFields();
        var state = fields.OneOf("state", body.State, LibraryReply.States);
        var text = body.Text is null ? null : fields.Text("text", body.Text, MaxText);
        if (fields.Problem is { } problem)
        {
            return problem;
        }

        if (await library.GetAsync(id, ct) is not { } kept)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown reply", detail: $"No reply of the library has the id {id}.");
        }

        var reviewer = user.FindFirstValue(ConnectorClaims.AgentId) ?? user.Identity?.Name ?? "admin";
        var now = time.GetUtcNow();
        var newText = text is null ? kept.Text : redactor.Redact(text)!;
        await library.ReviewAsync(id, state, newText, reviewer, now, ct);
        return TypedResults.Ok(kept with { State = state, Text = newText, ReviewedBy = reviewer, ReviewedAt = now });
    }
}

/// <param name="Replies">How many sent replies were read.</param>
/// <param name="Groups">How many groups passed the thresholds.</param>
internal sealed record MiningResult(int Replies, int Groups, int Added, int Updated);
