namespace Connector.Worker.Acs;

/// <summary>
/// An email to send through ACS Email. Threading headers travel as ACS custom headers (Microsoft Learn, "Adding
/// Reserved Custom headers", https://learn.microsoft.com/azure/communication-services/concepts/email/email-headers).
/// </summary>
public sealed record AcsEmailMessage
{
    public required string Subject { get; init; }

    public required IReadOnlyList<AcsEmailAddress> To { get; init; }

    public string? PlainText { get; init; }

    public string? Html { get; init; }

    public IReadOnlyList<AcsEmailAddress> Cc { get; init; } = [];

    public IReadOnlyList<AcsEmailAddress> Bcc { get; init; } = [];

    public IReadOnlyList<AcsEmailAddress> ReplyTo { get; init; } = [];

    /// <summary>Overrides <c>Acs:Email:SenderAddress</c> for this message.</summary>
    public string? SenderAddress { get; init; }

    /// <summary>The Message-ID being answered (<c>&lt;id@domain&gt;</c>); sent as the <c>In-Reply-To</c> header.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The thread's Message-IDs, space separated; sent as the <c>References</c> header.</summary>
    public string? References { get; init; }

    /// <summary>Any other custom headers (ACS reserves the <c>x-ms-acsemail-…</c> controls).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<AcsEmailAttachment> Attachments { get; init; } = [];

    public bool UserEngagementTrackingDisabled { get; init; }
}
