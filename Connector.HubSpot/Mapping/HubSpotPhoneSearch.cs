using Connector.HubSpot.Wire;
using PhoneNumbers;

namespace Connector.HubSpot.Mapping;

/// <summary>
/// The contact search for many customers in one request, within HubSpot's limits (5 filter groups, 25 filters):
/// one group per property, each an <c>IN</c> over every customer's value. <c>phone</c> and <c>mobilephone</c> are free
/// text, so they are searched as E.164; the calculated searchable properties hold national digits. Hits are
/// re-checked by normalizing what is stored, since search over-matches.
/// </summary>
internal static class HubSpotPhoneSearch
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>Values in one <c>IN</c> filter (HubSpot's cap).</summary>
    public const int MaxValuesPerFilter = 100;

    public static readonly string[] ReturnedProperties = ["firstname", "lastname", "email", "phone", "mobilephone", "hs_calculated_phone_number"];

    public static string? NationalDigits(string e164)
    {
        try
        {
            return Phones.GetNationalSignificantNumber(Phones.Parse(e164, "ZZ"));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The filter groups for these E.164 numbers and emails (each list at most <see cref="MaxValuesPerFilter"/>).</summary>
    public static IReadOnlyList<HubSpotFilterGroup> Groups(IReadOnlyList<string> phones, IReadOnlyList<string> emails)
    {
        var groups = new List<HubSpotFilterGroup>();
        var national = phones.Select(NationalDigits).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (national.Count > 0)
        {
            groups.Add(In("hs_searchable_calculated_phone_number", national));
            groups.Add(In("hs_searchable_calculated_mobile_number", national));
        }

        if (phones.Count > 0)
        {
            groups.Add(In("phone", phones));
            groups.Add(In("mobilephone", phones));
        }

        if (emails.Count > 0)
        {
            groups.Add(In("email", emails));
        }

        return groups;
    }

    private static HubSpotFilterGroup In(string property, IReadOnlyList<string> values) =>
        new([new HubSpotFilter(property, "IN", Values: values)]);
}
