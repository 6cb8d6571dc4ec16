using Connector.Core.Compliance;

namespace Connector.Zendesk.Mapping;

/// <summary>Text bound for Zendesk: redacted once more at this boundary, and cut to what a field holds.</summary>
internal static class ZendeskText
{
    public const int SubjectLength = 255;

    /// <summary>Zendesk refuses comments above 64 KB; this leaves room for multi-byte characters.</summary>
    public const int CommentLength = 60_000;

    public static string? Field(SensitiveDataRedactor redactor, string? text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        var redacted = redactor.Redact(text);
        return redacted is null || redacted.Length <= maxLength ? redacted : redacted[..maxLength];
    }
}
