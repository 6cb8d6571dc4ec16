namespace Connector.Core.Crm;

/// <summary>
/// One message of an interaction, for CRMs that keep a conversation message by message (a Zendesk ticket's comments).
/// Text is already redacted.
/// </summary>
/// <param name="AgentCrmUserId">The agent's user in this CRM when <paramref name="Author"/> is an agent and the agent has one.</param>
/// <param name="Public">Seen by the customer (a message on the channel); false for an agent's note.</param>
public sealed record CrmMessage(DateTimeOffset At, CrmMessageAuthor Author, string Text, bool Public, string? AgentCrmUserId = null);
