namespace Connector.Worker.Replies;

/// <summary><c>POST /api/conversations/{id}/messages</c>: an agent's message to the customer.</summary>
public sealed record AgentReply(string? Channel, string? Text, string? AgentId, string? TemplateName, IReadOnlyList<string>? TemplateParameters, string? Subject);
