using PhoneNumbers;

namespace Connector.Dynamics.Mapping;

/// <summary>
/// Dataverse compares phone columns exactly (they are free text), so an E.164 number is searched as each form a
/// person is likely to have typed: E.164, international and national as libphonenumber formats them, and those
/// groups joined by spaces, dashes, dots or nothing, with the area code in brackets or not (<c>(415) 555-1212</c>,
/// <c>020 7946 0958</c>, <c>+44 20 7946 0958</c>). Hits are re-checked by normalizing the stored value.
/// </summary>
internal static class DynamicsPhoneForms
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static IReadOnlyList<string> Of(string e164)
    {
        var forms = new List<string> { e164 };
        PhoneNumber number;
        try
        {
            number = Phones.Parse(e164, "ZZ");
        }
        catch (NumberParseException)
        {
            return forms; // not a number libphonenumber knows: only the value itself can match
        }

        var national = Groups(Phones.Format(number, PhoneNumberFormat.NATIONAL));
        var international = Groups(Phones.Format(number, PhoneNumberFormat.INTERNATIONAL));
        forms.Add(Phones.Format(number, PhoneNumberFormat.NATIONAL));
        forms.Add(Phones.Format(number, PhoneNumberFormat.INTERNATIONAL));
        forms.AddRange(Joined(national, ""));
        forms.AddRange(Joined(international, "+"));
        forms.AddRange(Joined(international.Skip(1).ToList(), "+" + international[0].TrimStart('+') + " "));
        return forms.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The digit groups of a formatted number: <c>(415) 555-1212</c> → 415, 555, 1212.</summary>
    private static List<string> Groups(string formatted) =>
        formatted.Split([' ', '-', '(', ')', '.'], StringSplitOptions.RemoveEmptyEntries).Select(g => g.TrimStart('+')).ToList();

    private static IEnumerable<string> Joined(List<string> groups, string prefix)
    {
        if (groups.Count == 0)
        {
            yield break;
        }

        foreach (var separator in new[] { " ", "-", ".", "" })
        {
            yield return prefix + string.Join(separator, groups);
            if (groups.Count > 2 && prefix.Length == 0)
            {
                var rest = string.Join(separator, groups.Skip(1));
                yield return $"({groups[0]}) {rest}";
                yield return $"({groups[0]}){rest}";
            }
        }

        if (groups.Count > 2 && prefix.Length == 0)
        {
            // The US habit: brackets, a space, then the rest joined by a dash.
            yield return $"({groups[0]}) {string.Join("-", groups.Skip(1))}";
        }
    }
}
