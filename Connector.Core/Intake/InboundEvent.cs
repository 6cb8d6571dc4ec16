using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;

namespace Connector.Core.Intake;

/// <summary>
/// Something a customer did on a channel, already parsed from the channel's wire format.
/// </summary>
/// <param name="EventId">Unique per event (the Event Grid id): delivering it again changes nothing.</param>
/// <param name="Type">What happened; <c>null</c> when the event only tells who the customer is (a pre-chat form
/// that gives phone and email), which links identities without touching any conversation.</param>
/// <param name="Identities">Who sent it; the first is the sender's own identity on the channel.</param>
/// <param name="ExternalRef">The channel's id for the thing: the call connection id for call events, the message id.</param>
/// <param name="ThreadRefs">Channel ids this event answers (an email's In-Reply-To and References): the conversation
/// that holds one of them is continued, even after the continuity window.</param>
/// <param name="ConversationId">The conversation it belongs to, when the sender already knows (an agent's reply).</param>
/// <param name="Media">A file to fetch from the channel and attach to the timeline entry.</param>
/// <param name="Attachments">Files already kept (an email's attachments), attached in the same transaction.</param>
/// <param name="Journey">The charter journey the customer chose (a call's IVR choice): the task it opens is routed by it.</param>
/// <param name="AgentId">The agent who started it (an outbound call): the task it opens is already assigned to them.</param>
/// <param name="EndedBeforeAgent">A call that ended before an agent spoke to the caller: its task is abandoned even
/// when an agent had already accepted it, so nobody wraps up a call they never heard.</param>
/// <param name="Send">An outbound message recorded before it is sent: its entry is pending and this outbox row, written
/// in the same transaction, sends it.</param>
/// <param name="Author">Who wrote it when not the customer or an agent (<see cref="Authors.Bot"/>).</param>
/// <param name="HandOff">The bot handing the conversation to a person: the routing task it opens, unless one is open.</param>
public sealed record InboundEvent(
    string EventId,
    Channel Channel,
    TimelineEventType? Type,
    Direction Direction,
    DateTimeOffset OccurredAt,
    IReadOnlyList<InboundIdentity> Identities,
    string? Text = null,
    string? ExternalRef = null,
    IReadOnlyList<CrmRecordRef>? CrmRefs = null,
    IReadOnlyList<string>? ThreadRefs = null,
    Guid? ConversationId = null,
    InboundMedia? Media = null,
    IReadOnlyList<InboundAttachment>? Attachments = null,
    string? Journey = null,
    string? AgentId = null,
    bool EndedBeforeAgent = false,
    InboundSend? Send = null,
    string? Author = null,
    InboundHandOff? HandOff = null);
