using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Worker.Tests.Infrastructure;
using Dapper;

namespace Connector.Worker.Tests.Assist;

/// <summary>
/// Agents' replies as the Worker keeps them once sent: the outbound timeline entry intake wrote and its
/// <c>agent_replies</c> row in state <c>sent</c>. Written on email conversations (the billing queue), which no agent of
/// the assist tests takes, so they never compete with the work under test.
/// </summary>
internal static class PastReplies
{
    public static async Task SentAsync(this StoreUnderTest store, string agentId, string text, string state = "sent")
    {
        var customer = $"customer-{Guid.NewGuid():N}@example.com";
        var at = store.Time.GetUtcNow();
        var opened = await store.Intake.AcceptAsync(new InboundEvent(
            Guid.NewGuid().ToString(), Channel.Email, TimelineEventType.Message, Direction.In, at, [new InboundIdentity(IdentityKind.Email, customer)], "Hello?"), CancellationToken.None);
        var reply = await store.Intake.AcceptAsync(new InboundEvent(
            Guid.NewGuid().ToString(), Channel.Email, TimelineEventType.Message, Direction.Out, at.AddMinutes(1), [new InboundIdentity(IdentityKind.Email, customer)], text,
            ConversationId: opened.ConversationId), CancellationToken.None);
        await using var connection = await store.Dialect.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            """
            INSERT INTO agent_replies (id, conversation_id, agent_id, idempotency_key, request_hash, channel, first_sent_at, timeline_event_id, state, created_at, updated_at)
            VALUES (@id, @conversationId, @agentId, @key, 'hash', 'email', @at, @eventId, @state, @at, @at)
            """,
            new { id = Guid.NewGuid(), conversationId = opened.ConversationId, agentId, key = Guid.NewGuid().ToString(), at, eventId = reply.TimelineEventId, state });
    }
}
