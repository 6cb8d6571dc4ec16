using PhoneNumbers;

namespace Connector.Salesforce.Mapping;

/// <summary>
/// SOSL over phone fields. Stored phones are free text (<c>(020) 7946 0958</c>, <c>+44 20 7946 0958</c>) and SOSL
/// matches digits, so each E.164 number is searched as every digit string a person may have typed: international
/// (442079460958), national with trunk prefix (02079460958) and national significant (2079460958). Digits only:
/// <c>+</c> is a SOSL reserved character. Hits are re-checked by normalizing the stored value, since search over-matches.
/// </summary>
internal static class SalesforcePhoneSearch
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>SOSL's search string is limited; this many terms stay well under it.</summary>
    public const int MaxTermsPerSearch = 150;

    public static IReadOnlyList<string> DigitVariants(string e164)
    {
        var variants = new List<string> { Digits(e164) };
        try
        {
            var number = Phones.Parse(e164, "ZZ");
            variants.Add(Phones.GetNationalSignificantNumber(number));
            variants.Add(Digits(Phones.Format(number, PhoneNumberFormat.NATIONAL)));
        }
        catch (NumberParseException)
        {
            // Not parseable: the international digits alone are searched.
        }

        return variants.Where(v => v.Length >= 6).Distinct(StringComparer.Ordinal).ToList();
    }

    public static string Sosl(IEnumerable<string> terms, IEnumerable<string> returning) =>
        $"FIND {{{string.Join(" OR ", terms)}}} IN PHONE FIELDS RETURNING {string.Join(", ", returning)}";

    public static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());
}
