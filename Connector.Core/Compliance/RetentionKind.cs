namespace Connector.Core.Compliance;

/// <summary>The kinds of data the charter's <c>retention:</c> section keeps for a while and then purges.</summary>
public enum RetentionKind
{
    /// <summary>Call recordings: our files, their rows, and ACS's copies.</summary>
    Recordings,

    /// <summary>Call transcripts: the transcript files and the phrases kept while the call ran.</summary>
    Transcripts,

    /// <summary>Timeline messages (chat, WhatsApp, email text) with the files attached to them.</summary>
    Messages,

    /// <summary>Webhook bodies exactly as delivered (<c>raw_events</c>).</summary>
    RawEvents,

    /// <summary>The mail archive: original <c>.eml</c> files and the attachments taken out of them.</summary>
    Mail,

    /// <summary>Outbox rows that are done or dead.</summary>
    Outbox,

    /// <summary>Routing decisions, and finished tasks with them.</summary>
    Decisions,
}

/// <summary>The charter's names of <see cref="RetentionKind"/>.</summary>
public static class RetentionKinds
{
    public static readonly IReadOnlyDictionary<string, RetentionKind> ByName = new Dictionary<string, RetentionKind>(StringComparer.Ordinal)
    {
        ["recordings"] = RetentionKind.Recordings,
        ["transcripts"] = RetentionKind.Transcripts,
        ["messages"] = RetentionKind.Messages,
        ["rawEvents"] = RetentionKind.RawEvents,
        ["mail"] = RetentionKind.Mail,
        ["outbox"] = RetentionKind.Outbox,
        ["decisions"] = RetentionKind.Decisions,
    };

    public static string ToName(this RetentionKind kind) => ByName.First(p => p.Value == kind).Key;
}
