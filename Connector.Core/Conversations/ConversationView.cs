namespace Connector.Core.Conversations;

/// <summary>A conversation with its whole timeline, as the read API shows it.</summary>
public sealed record ConversationView(Conversation Conversation, IReadOnlyList<TimelineEvent> Timeline, IReadOnlyList<TimelineAttachment> Attachments);
