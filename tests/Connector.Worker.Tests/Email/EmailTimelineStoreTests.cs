using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>A reply's way from "sending" to ACS's verdict, in both stores.</summary>
public sealed class EmailTimelineStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_queued_reply_is_sending_until_a_status_moves_it_on_and_a_late_mark_never_moves_it_back(string storeKind)
    {
        await using var s = await EmailIntakeUnderTest.CreateAsync(storeKind);
        var at = s.Time.GetUtcNow();
        var mail = await s.Intake.AcceptAsync(Email("email:<in-1@example.com>", Direction.In, at, "<in-1@example.com>"), Ct);
        var reply = await s.Intake.AcceptAsync(Email("reply:email:op-1", Direction.Out, at.AddMinutes(1), "op-1") with { ConversationId = mail.ConversationId }, Ct);
        var timeline = s.EmailTimeline;

        await timeline.MarkSendingAsync(reply.TimelineEventId!.Value, "Re: Broken router", Ct);

        Assert.Equal(["op-1"], await timeline.ListSendingAsync(Ct));
        Assert.Equal(at.AddMinutes(1), await timeline.FindSentAtAsync("op-1", Ct));
        Assert.Null(await timeline.FindSentAtAsync("op-unknown", Ct));
        Assert.Equal("Re: Broken router", await timeline.FindSubjectAsync(mail.ConversationId!.Value, reply.TimelineEventId, Ct));
        Assert.Equal("Re: Broken router", await timeline.FindSubjectAsync(mail.ConversationId!.Value, null, Ct)); // the newest subject

        Assert.True(await s.Store.UpdateDeliveryStatusAsync("op-1", DeliveryStatuses.Delivered, Ct));
        await timeline.MarkSendingAsync(reply.TimelineEventId!.Value, "Re: Broken router", Ct); // a replay after the report

        Assert.Empty(await timeline.ListSendingAsync(Ct));
        var view = await s.Store.GetConversationAsync(mail.ConversationId!.Value, Ct);
        Assert.Equal(DeliveryStatuses.Delivered, view!.Timeline.Single(e => e.Direction == Direction.Out).DeliveryStatus);
    }

    private static InboundEvent Email(string eventId, Direction direction, DateTimeOffset at, string externalRef) => new(
        eventId, Channel.Email, TimelineEventType.Message, direction, at, [new InboundIdentity(IdentityKind.Email, "lee@example.com")], "Hello", externalRef);
}
