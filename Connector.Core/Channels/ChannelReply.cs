using Connector.Core.Conversations;
using Connector.Core.Customers;

namespace Connector.Core.Channels;

/// <summary>An agent's reply, with the conversation and customer it answers.</summary>
/// <param name="TemplateName">A pre-approved template (WhatsApp outside its 24-hour window), instead of free text.</param>
/// <param name="Subject">An email's own subject; without it the reply answers "Re: {subject}".</param>
public sealed record ChannelReply(
    ConversationView Conversation,
    Customer Customer,
    string AgentId,
    string? Text,
    string? TemplateName,
    IReadOnlyList<string>? TemplateParameters,
    string? Subject);
