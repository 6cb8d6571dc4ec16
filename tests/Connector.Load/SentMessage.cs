namespace Connector.Load;

/// <summary>One inbound message the tool sent, and what became of the delivery.</summary>
public sealed class SentMessage(int index, string channel, string intakeId, string customer)
{
    public int Index { get; } = index;
    public string Channel { get; } = channel;

    /// <summary>
    /// The id intake keeps as the timeline entry's source (WhatsApp <c>acs:{event id}</c>, chat <c>chat:{thread}:{message}</c>,
    /// email <c>email:{Message-ID}</c>); for a call, <c>call:{call connection id}</c>, found through <c>voice_calls</c>.
    /// </summary>
    public string IntakeId { get; } = intakeId;
    public string Customer { get; } = customer;
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
    public double AnswerMs { get; set; }
    public int Status { get; set; }
    public string? Error { get; set; }
    public bool Accepted => Status is >= 200 and < 300;

    /// <summary>Delivered to the webhook (WhatsApp, chat, a call's IncomingCall); an email is appended to a mailbox instead.</summary>
    public bool ByWebhook => Channel != "email";
}
