using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>
/// SOSL as the connector uses it: <c>FIND {term OR term…} IN PHONE|EMAIL|NAME|ALL FIELDS RETURNING Object(fields), …</c>.
/// Phone fields match on digits: a term matches a stored phone whose digits equal the term's (so <c>2079460958</c>
/// does not find <c>(020) 7946 0958</c>, whose digits are 02079460958) [a model of Salesforce's phone index, which
/// is not documented]. Reserved characters such as <c>+</c> must be escaped, or the search is malformed.
/// </summary>
internal static partial class FakeSalesforceSosl
{
    private static readonly string[] PhoneFields = ["Phone", "MobilePhone", "HomePhone", "OtherPhone"];
    private static readonly string[] EmailFields = ["Email"];

    public static FakeSalesforceResponse Run(string sosl, FakeSalesforceStore store, string apiVersion)
    {
        var match = Shape().Match(sosl.Trim());
        if (!match.Success)
        {
            return FakeSalesforceResponse.Error(400, "MALFORMED_SEARCH", "line 1:0 no viable alternative: expected FIND {…} [IN … FIELDS] RETURNING …");
        }

        var terms = Regex.Split(match.Groups["terms"].Value, @"\s+OR\s+", RegexOptions.IgnoreCase).Select(t => t.Trim().Trim('"')).ToList();
        foreach (var term in terms)
        {
            if (Unescaped().Match(term) is { Success: true } bad)
            {
                return FakeSalesforceResponse.Error(400, "MALFORMED_SEARCH", $"line 1:{bad.Index + 6} no viable alternative at character '{bad.Value}'");
            }

            if (term.Replace("*", "", StringComparison.Ordinal).Length < 2)
            {
                return FakeSalesforceResponse.Error(400, "INVALID_SEARCH", "search term must be longer than one character: " + term);
            }
        }

        var scope = match.Groups["scope"].Success ? match.Groups["scope"].Value.ToUpperInvariant() : "ALL";
        var found = new JsonArray();
        foreach (Match returning in Returning().Matches(match.Groups["returning"].Value))
        {
            if (store.Schema.Find(returning.Groups["type"].Value) is not { } sobject)
            {
                return FakeSalesforceResponse.Error(400, "INVALID_TYPE", $"sObject type '{returning.Groups["type"].Value}' is not supported.");
            }

            var fields = returning.Groups["fields"].Success
                ? returning.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : ["Id"];
            var canonical = new List<string>();
            foreach (var field in fields)
            {
                var name = field.Equals("Id", StringComparison.OrdinalIgnoreCase) ? "Id" : sobject.Canonical(field);
                if (name is null)
                {
                    return FakeSalesforceResponse.Error(400, "INVALID_FIELD", $"No such column '{field}' on entity '{sobject.Name}'.");
                }

                canonical.Add(name);
            }

            foreach (var record in store.OfType(sobject.Name).Where(r => terms.Any(t => Matches(r, t, scope))))
            {
                found.Add(FakeSalesforceStore.Show(record, apiVersion, canonical));
            }
        }

        return new FakeSalesforceResponse(200, new JsonObject { ["searchRecords"] = found });
    }

    private static bool Matches(FakeSalesforceRecord record, string term, string scope)
    {
        var digits = Digits(term);
        bool Phone() => digits.Length > 0 && digits.Length == term.Replace("\\", "", StringComparison.Ordinal).Length
            && PhoneFields.Any(f => record[f] is { } stored && Digits(stored) == digits);
        bool Email() => EmailFields.Any(f => record[f] is { } stored && stored.Equals(term, StringComparison.OrdinalIgnoreCase));
        bool Text() => record.Fields.Any(p => p.Value is JsonValue v && v.ToString().Contains(term, StringComparison.OrdinalIgnoreCase));
        return scope switch
        {
            "PHONE" => Phone(),
            "EMAIL" => Email(),
            "NAME" => record["Name"]?.Contains(term, StringComparison.OrdinalIgnoreCase) == true,
            _ => Phone() || Email() || Text(),
        };
    }

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    [GeneratedRegex(@"^FIND\s*\{(?<terms>.*)\}\s*(IN\s+(?<scope>ALL|PHONE|EMAIL|NAME)\s+FIELDS\s*)?RETURNING\s+(?<returning>.+?)(\s+LIMIT\s+\d+)?$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Shape();

    [GeneratedRegex(@"(?<type>[A-Za-z_][A-Za-z0-9_]*)\s*(\((?<fields>[^)]*)\))?")]
    private static partial Regex Returning();

    /// <summary>A reserved character not preceded by a backslash (the wildcard <c>*</c> and quotes are allowed).</summary>
    [GeneratedRegex(@"(?<!\\)[?&|!{}\[\]()^~:+\-']")]
    private static partial Regex Unescaped();
}
