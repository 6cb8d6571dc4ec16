using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using MimeKit;

namespace Connector.Worker.Email;

/// <summary>
/// Reads a customer's mail as an <see cref="InboundEvent"/>. Message-IDs keep their angle brackets (<c>&lt;id@host&gt;</c>),
/// as outbound mail writes them in In-Reply-To, so that a reply's references match the timeline's external refs.
/// </summary>
internal static class InboundEmailMapper
{
    // References grows with every round of a long thread; the newest ids are the ones that can match.
    private const int MaxThreadRefs = 50;

    public const string SyntheticIdDomain = "imap.local";

    /// <summary>
    /// The mail's Message-ID, or one made from its content when it has none: the same mail read again (even after the
    /// folder's UIDVALIDITY changed) gets the same id, so the intake recognises it.
    /// </summary>
    public static string MessageIdOf(MimeMessage message, string sha256) =>
        string.IsNullOrWhiteSpace(message.MessageId) ? $"<{sha256}@{SyntheticIdDomain}>" : Bracketed(message.MessageId);

    /// <param name="senderVerified">The receiving server vouched for the From (<see cref="SenderAuthentication"/>): the mail
    /// is the address owner's. Otherwise the From is only claimed: the sender is known as <see cref="IdentityKind.UnverifiedEmail"/>,
    /// a customer of their own, never the owner of the address nor a continuation of the owner's conversation.</param>
    public static InboundEvent ToInboundEvent(MimeMessage message, string from, string messageId, DateTimeOffset occurredAt, bool senderVerified)
    {
        var references = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo))
        {
            references.Add(Bracketed(message.InReplyTo));
        }

        references.AddRange(message.References.Reverse().Select(Bracketed));
        var threadRefs = references.Where(r => r != messageId).Distinct(StringComparer.Ordinal).Take(MaxThreadRefs).ToList();
        return new InboundEvent(
            $"email:{messageId}",
            Channel.Email,
            TimelineEventType.Message,
            Direction.In,
            occurredAt,
            [new InboundIdentity(senderVerified ? IdentityKind.Email : IdentityKind.UnverifiedEmail, from)],
            MailText.NewTextOf(message),
            ExternalRef: messageId,
            ThreadRefs: threadRefs.Count == 0 ? null : threadRefs);
    }

    private static string Bracketed(string id) => $"<{id.Trim().Trim('<', '>')}>";
}
