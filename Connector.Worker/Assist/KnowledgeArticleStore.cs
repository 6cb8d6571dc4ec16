using System.Text.Json;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Assist;

/// <summary>The knowledge articles (migration 0032).</summary>
internal sealed class KnowledgeArticleStore(SqlDialect dialect)
{
    public async Task AddAsync(KnowledgeArticle a, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO knowledge_articles (id, title, body, language, tags, state, created_at, updated_at)
            VALUES (@Id, @Title, @Body, @Language, @tags, @State, @CreatedAt, @UpdatedAt)
            """,
            new { a.Id, a.Title, a.Body, a.Language, tags = JsonSerializer.Serialize(a.Tags), a.State, a.CreatedAt, a.UpdatedAt }, cancellationToken: ct));
    }

    /// <returns>False when no article has the id.</returns>
    public async Task<bool> UpdateAsync(KnowledgeArticle a, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE knowledge_articles SET title = @Title, body = @Body, language = @Language, tags = @tags, state = @State, updated_at = @UpdatedAt WHERE id = @Id",
            new { a.Id, a.Title, a.Body, a.Language, tags = JsonSerializer.Serialize(a.Tags), a.State, a.UpdatedAt }, cancellationToken: ct)) == 1;
    }

    public async Task<KnowledgeArticle?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToArticle();
    }

    /// <param name="state">Null: every article.</param>
    public async Task<IReadOnlyList<KnowledgeArticle>> ListAsync(string? state, int limit, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} {(state is null ? "" : "WHERE state = @state")} ORDER BY updated_at DESC, id LIMIT @limit", new { state, limit }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToArticle())];
    }

    private const string Select = "SELECT id, title, body, language, tags, state, created_at, updated_at FROM knowledge_articles";

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Title { get; set; } = "";
        public string Body { get; set; } = "";
        public string Language { get; set; } = "";
        public string Tags { get; set; } = "[]";
        public string State { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public KnowledgeArticle ToArticle() =>
            new(Id, Title, Body, Language, JsonSerializer.Deserialize<List<string>>(Tags) ?? [], State, CreatedAt, UpdatedAt);
    }
}
