using PhoneNumbers;

namespace Connector.Zendesk.Mapping;

/// <summary>
/// <c>phone:*&lt;digits&gt;</c>: Zendesk matches the digits of a stored phone however it was typed, and the leading
/// <c>*</c> lets the stored value have more in front. Searching the national significant number (5135557611 for
/// +15135557611) therefore finds <c>(513) 555-7611</c>, <c>+1 513.555.7611</c> and <c>0513…</c> alike; hits are
/// re-checked by normalizing the stored value, since the search over-matches.
/// </summary>
internal static class ZendeskPhoneSearch
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static string Query(string e164) => $"role:end-user phone:*{SearchDigits(e164)}";

    public static string SearchDigits(string e164)
    {
        try
        {
            return Phones.GetNationalSignificantNumber(Phones.Parse(e164, "ZZ"));
        }
        catch (NumberParseException)
        {
            return Digits(e164);
        }
    }

    public static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());
}
