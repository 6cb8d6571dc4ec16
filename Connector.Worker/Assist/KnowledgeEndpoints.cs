using Connector.Core.Compliance;
using Connector.Worker.Api.Paging;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Assist;

/// <summary>Knowledge articles, managed by admins; agents meet them as suggestions (<c>GET /api/conversations/{id}/assist</c>).</summary>
internal static class KnowledgeEndpoints
{
    public const int MaxTitle = 200;
    public const int MaxBody = 20_000;

    public static RouteGroupBuilder MapKnowledge(this RouteGroupBuilder api)
    {
        var articles = api.MapGroup("").RequireAuthorization(Policies.Admin).WithTags("Assist");
        articles.MapGet("/knowledge/articles", ListAsync)
            .WithSummary("Knowledge articles, last changed first: state=active|retired (default both), limit (1-1000, default 100).");
        articles.MapPost("/knowledge/articles", CreateAsync)
            .WithSummary("A new knowledge article (title, body, language, tags), active at once: suggested to agents from now on.");
        articles.MapPut("/knowledge/articles/{id:guid}", UpdateAsync)
            .WithSummary("Replaces an article's title, body, language and tags; a retired article stays retired.");
        articles.MapPost("/knowledge/articles/{id:guid}/retire", RetireAsync)
            .WithSummary("Retires an article: never suggested again, kept so its usage still names it.");
        return api;
    }

    private static async Task<Results<Ok<List<KnowledgeArticle>>, ValidationProblem>> ListAsync(
        string? state, string? limit, KnowledgeArticleStore store, CancellationToken ct)
    {
        var check = new ListQuery();
        var take = check.Limit(limit);
        if (state is not null and not (KnowledgeArticle.Active or KnowledgeArticle.Retired))
        {
            check.Reject("state", $"state must be {KnowledgeArticle.Active} or {KnowledgeArticle.Retired}.");
        }

        return check.Problem is { } problem ? problem : TypedResults.Ok((await store.ListAsync(state, take, ct)).ToList());
    }

    private static async Task<Results<Created<KnowledgeArticle>, ValidationProblem>> CreateAsync(
        KnowledgeArticleRequest body, KnowledgeArticleStore store, SensitiveDataRedactor redactor, TimeProvider time, CancellationToken ct)
    {
        var (article, problem) = Read(body, redactor);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var created = article! with { Id = Guid.CreateVersion7(), State = KnowledgeArticle.Active, CreatedAt = now, UpdatedAt = now };
        await store.AddAsync(created, ct);
        return TypedResults.Created($"/api/knowledge/articles/{created.Id}", created);
    }

    private static async Task<Results<Ok<KnowledgeArticle>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, KnowledgeArticleRequest body, KnowledgeArticleStore store, SensitiveDataRedactor redactor, TimeProvider time, CancellationToken ct)
    {
        var (article, problem) = Read(body, redactor);
        if (problem is not null)
        {
            return problem;
        }

        if (await store.GetAsync(id, ct) is not { } kept)
        {
            return Unknown(id);
        }

        var updated = kept with { Title = article!.Title, Body = article.Body, Language = article.Language, Tags = article.Tags, UpdatedAt = time.GetUtcNow() };
        await store.UpdateAsync(updated, ct);
        return TypedResults.Ok(updated);
    }

    private static async Task<Results<Ok<KnowledgeArticle>, ProblemHttpResult>> RetireAsync(Guid id, KnowledgeArticleStore store, TimeProvider time, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } kept)
        {
            return Unknown(id);
        }

        var retired = kept with { State = KnowledgeArticle.Retired, UpdatedAt = time.GetUtcNow() };
        await store.UpdateAsync(retired, ct);
        return TypedResults.Ok(retired);
    }

    /// <summary>The article the body describes (its text redacted: an article is shown to every agent and sent to the AI service).</summary>
    private static (KnowledgeArticle? Article, ValidationProblem? Problem) Read(KnowledgeArticleRequest body, SensitiveDataRedactor redactor)
    {
        var fields = new RequestFields();
        var title = fields.Text("title", body.Title, MaxTitle);
        var text = fields.Text("body", body.Body, MaxBody);
        var language = fields.Language("language", body.Language);
        var tags = fields.Tags("tags", body.Tags);
        return fields.Problem is { } problem
            ? (null, problem)
            : (new KnowledgeArticle(Guid.Empty, redactor.Redact(title)!, redactor.Redact(text)!, language, tags, "", default, default), null);
    }

    private static ProblemHttpResult Unknown(Guid id) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown article", detail: $"No knowledge article has the id {id}.");
}
