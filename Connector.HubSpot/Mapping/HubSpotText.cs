using System.Net;
using Connector.Core.Compliance;

namespace Connector.HubSpot.Mapping;

/// <summary>Text bound for HubSpot: redacted once more at this boundary; bodies are HTML (what the timeline renders).</summary>
internal static class HubSpotText
{
    /// <summary>HubSpot's cap on a text property's value.</summary>
    public const int MaxLength = 65_536;

    public static string? Plain(SensitiveDataRedactor redactor, string? text)
    {
        var redacted = redactor.Redact(text);
        return redacted is null || redacted.Length <= MaxLength ? redacted : redacted[..MaxLength];
    }

    /// <summary>Encoded, lines kept as <c>&lt;br&gt;</c>, with the subject as a bold first paragraph when the object has no title of its own.</summary>
    public static string? Html(SensitiveDataRedactor redactor, string? subject, string? body)
    {
        var parts = new List<string>();
        if (Plain(redactor, subject) is { Length: > 0 } title)
        {
            parts.Add($"<p><strong>{WebUtility.HtmlEncode(title)}</strong></p>");
        }

        if (Plain(redactor, body) is { Length: > 0 } text)
        {
            parts.Add($"<p>{WebUtility.HtmlEncode(text).ReplaceLineEndings("<br>")}</p>");
        }

        var html = string.Concat(parts);
        return html.Length == 0 ? null : html.Length <= MaxLength ? html : html[..MaxLength];
    }
}
