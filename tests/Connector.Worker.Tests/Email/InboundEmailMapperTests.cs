using Connector.Core.Channels;
using Connector.Core.Customers;
using Connector.Worker.Email;
using MimeKit;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>How a mail's headers become the inbound event that threads it.</summary>
public sealed class InboundEmailMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Message_ids_keep_their_angle_brackets_and_the_answered_id_comes_first_then_the_newest_references()
    {
        var message = new MimeMessage { MessageId = "a3@customer.example", InReplyTo = "r2@contact.example", Body = new TextPart("plain") { Text = "Hi" } };
        message.References.AddRange(["a1@customer.example", "r1@contact.example", "a2@customer.example", "r2@contact.example"]);

        var messageId = InboundEmailMapper.MessageIdOf(message, "ignored");
        var inbound = InboundEmailMapper.ToInboundEvent(message, "Kim@Example.com", messageId, At, senderVerified: true);

        Assert.Equal("<a3@customer.example>", inbound.ExternalRef);
        Assert.Equal("email:<a3@customer.example>", inbound.EventId);
        Assert.Equal(["<r2@contact.example>", "<a2@customer.example>", "<r1@contact.example>", "<a1@customer.example>"], inbound.ThreadRefs);
        Assert.Equal((Channel.Email, At, "Hi"), (inbound.Channel, inbound.OccurredAt, inbound.Text));
        Assert.Equal(IdentityKind.Email, Assert.Single(inbound.Identities).Kind);
    }

    [Fact]
    public void A_mail_without_a_message_id_is_known_by_its_content_hash()
    {
        var message = new MimeMessage { Body = new TextPart("plain") { Text = "Hi" } };
        message.Headers.Remove(HeaderId.MessageId);

        Assert.Equal("<0a1b@imap.local>", InboundEmailMapper.MessageIdOf(message, "0a1b"));
        Assert.Null(InboundEmailMapper.ToInboundEvent(message, "kim@example.com", "<0a1b@imap.local>", At, senderVerified: true).ThreadRefs);
    }

    [Fact]
    public void A_From_the_receiving_server_did_not_vouch_for_is_only_the_unverified_sender_of_that_address()
    {
        var message = new MimeMessage { MessageId = "x@customer.example", Body = new TextPart("plain") { Text = "Hi" } };

        var inbound = InboundEmailMapper.ToInboundEvent(message, "kim@example.com", "<x@customer.example>", At, senderVerified: false);

        Assert.Equal(new Connector.Core.Intake.InboundIdentity(IdentityKind.UnverifiedEmail, "kim@example.com"), Assert.Single(inbound.Identities));
    }
}
