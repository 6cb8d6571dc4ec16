namespace Connector.Worker.Assist;

/// <summary>A knowledge article as kept and shown. Retired articles are kept (usage names them) but never suggested.</summary>
internal sealed record KnowledgeArticle(
    Guid Id, string Title, string Body, string Language, IReadOnlyList<string> Tags, string State, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public const string Active = "active";
    public const string Retired = "retired";
}
