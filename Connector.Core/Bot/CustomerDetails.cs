using System.Text.RegularExpressions;

namespace Connector.Core.Bot;

/// <summary>
/// What the customer gave the bot that an agent would otherwise ask for again: e-mail addresses, phone numbers and
/// order or reference numbers, found in the (already redacted) messages. Card numbers and national ids never get
/// here: the redactor replaced them before the text was stored.
/// </summary>
public static partial class CustomerDetails
{
    public static IReadOnlyList<string> Find(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var found = new List<string>();
        foreach (var text in texts)
        {
            var emails = Email().Matches(text).Select(m => m.Value).ToList();
            found.AddRange(emails.Select(e => $"email {e}"));
            var rest = Email().Replace(text, " ");
            found.AddRange(Phone().Matches(rest).Select(m => $"phone {m.Value.Trim()}"));
            rest = Phone().Replace(rest, " ");
            found.AddRange(Reference().Matches(rest).Select(m => $"reference {m.Value}"));
        }

        return [.. found.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\+\d[\d ]{8,15}\d")]
    private static partial Regex Phone();

    // An order number, a ticket or a reference: letters and digits with at least four digits (ORD-48213, 48213771).
    [GeneratedRegex(@"\b(?=[A-Za-z0-9-]*\d{4})[A-Za-z]{0,4}-?\d[\dA-Za-z-]{3,}\b")]
    private static partial Regex Reference();
}
