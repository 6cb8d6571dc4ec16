using Connector.Core.Compliance;

namespace Connector.Salesforce.Mapping;

/// <summary>Text bound for Salesforce: redacted once more at this boundary, and cut to the field's length.</summary>
internal static class SalesforceText
{
    public const int SubjectLength = 255;
    public const int DescriptionLength = 32_000;

    public static string? Field(SensitiveDataRedactor redactor, string? text, int maxLength)
    {
        var redacted = redactor.Redact(text);
        return redacted is null || redacted.Length <= maxLength ? redacted : redacted[..maxLength];
    }
}
