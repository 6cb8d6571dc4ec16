using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Core.Compliance;

/// <summary>
/// Masks card numbers and national ids in free text before it is stored, sent to a CRM or shown: the one
/// redaction applied at every boundary (storage, CRM bodies, logs). Card numbers are recognised by length and the Luhn
/// check, so order numbers and phone numbers survive; every digit of a card is masked, none is kept.
/// </summary>
public sealed partial class SensitiveDataRedactor
{
    public const string CardMask = "[card number redacted]";
    public const string NationalIdMask = "[national id redacted]";

    private readonly Regex _cardCandidate = CardCandidate();
    private readonly Regex[] _nationalIds = [UsSocialSecurityNumber(), UkNationalInsuranceNumber()];

    /// <summary>The text with every sensitive value replaced by its mask; null stays null.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var masked = _cardCandidate.Replace(text, m => IsCardNumber(m.Value) ? CardMask : m.Value);
        foreach (var pattern in _nationalIds)
        {
            masked = pattern.Replace(masked, NationalIdMask);
        }

        return masked;
    }

    /// <summary>Whether <see cref="Redact"/> would change the text.</summary>
    public bool ContainsSensitiveData(string? text) => !string.Equals(Redact(text), text, StringComparison.Ordinal);

    internal static bool IsCardNumber(string candidate)
    {
        var digits = new StringBuilder(candidate.Length);
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        return digits.Length is >= 13 and <= 19 && PassesLuhn(digits.ToString());
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    // 13–19 digits, optionally grouped by single spaces or dashes (how people type and how speech-to-text writes them).
    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex CardCandidate();

    [GeneratedRegex(@"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex UsSocialSecurityNumber();

    // HMRC format: two prefix letters (not D, F, I, Q, U, V; second not O), six digits, suffix A–D; spaces allowed.
    [GeneratedRegex(@"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UkNationalInsuranceNumber();
}
