using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Crm;

namespace Connector.Worker.Crm;

/// <summary>
/// An interaction message by message, for CRMs that keep a conversation that way: the customer's messages and the
/// agent's replies as they were on the channel, then the agent's notes (timeline notes and the wrap-up's), which the
/// customer never saw. Redacted here like the transcript. A call has no messages: its record is the call itself.
/// </summary>
internal static class InteractionMessages
{
    public static IReadOnlyList<CrmMessage>? Build(
        IReadOnlyList<TimelineEvent> events, Channel channel, string? notes, DateTimeOffset wrappedUpAt, string? agentCrmUserId, SensitiveDataRedactor redactor)
    {
        if (channel == Channel.Voice)
        {
            return null;
        }

        var messages = new List<CrmMessage>();
        foreach (var e in events)
        {
            if (string.IsNullOrWhiteSpace(e.Text))
            {
                continue;
            }

            var text = redactor.Redact(e.Text)!;
            switch (e.Type)
            {
                case TimelineEventType.Message or TimelineEventType.Note when e.Author == Authors.Bot:
                    // The bot's answers were seen by the customer; its hand-off note was for the agent.
                    messages.Add(new CrmMessage(e.At, CrmMessageAuthor.Bot, text, Public: e.Type == TimelineEventType.Message));
                    break;
                case TimelineEventType.Message when e.Direction == Direction.In:
                    messages.Add(new CrmMessage(e.At, CrmMessageAuthor.Customer, text, Public: true));
                    break;
                case TimelineEventType.Message:
                    // The timeline does not say which agent sent a reply: the agent who wraps up owns the interaction.
                    messages.Add(new CrmMessage(e.At, CrmMessageAuthor.Agent, text, Public: true, agentCrmUserId));
                    break;
                case TimelineEventType.Note:
                    messages.Add(new CrmMessage(e.At, CrmMessageAuthor.Agent, text, Public: false, agentCrmUserId));
                    break;
            }
        }

        if (!string.IsNullOrWhiteSpace(notes))
        {
            messages.Add(new CrmMessage(wrappedUpAt, CrmMessageAuthor.Agent, redactor.Redact(notes.Trim())!, Public: false, agentCrmUserId));
        }

        return messages;
    }
}
