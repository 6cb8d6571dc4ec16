namespace Connector.Fakes.Crm.Zendesk;

/// <summary>
/// The subset of Zendesk's search syntax the connector and node-zendesk use on users: <c>role:end-user</c>,
/// <c>type:user</c>, <c>phone:*5135557611</c> (a stored phone, any format, whose digits end with these),
/// <c>phone:5135557611</c> (digits equal), <c>email:jane@example.com</c> and a bare word (name, email or phone).
/// Terms on different properties must all hold. Phones and emails are matched on every identity, as Zendesk does,
/// though results show only the primary ones.
/// </summary>
internal static class FakeZendeskSearch
{
    public static bool IsValid(string query, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(query))
        {
            problem = "query is required";
            return false;
        }

        foreach (var term in Terms(query))
        {
            if (term.Property is not (null or "role" or "type" or "phone" or "email" or "name" or "external_id"))
            {
                problem = $"unsupported search property '{term.Property}'";
                return false;
            }
        }

        return true;
    }

    public static bool Matches(FakeZendeskUser user, string query) =>
        Terms(query).GroupBy(t => t.Property).All(group => group.Any(term => Matches(user, term)));

    private static bool Matches(FakeZendeskUser user, (string? Property, string Value) term) => term.Property switch
    {
        "role" => string.Equals(user.Role, term.Value, StringComparison.OrdinalIgnoreCase),
        "type" => term.Value == "user",
        "phone" => Phones(user).Any(p => PhoneMatches(p, term.Value)),
        "email" => Emails(user).Any(e => string.Equals(e, term.Value, StringComparison.OrdinalIgnoreCase)),
        "name" => user.Name.Contains(term.Value, StringComparison.OrdinalIgnoreCase),
        "external_id" => user.ExternalId == term.Value,
        _ => user.Name.Contains(term.Value, StringComparison.OrdinalIgnoreCase)
            || Emails(user).Any(e => string.Equals(e, term.Value, StringComparison.OrdinalIgnoreCase))
            || Phones(user).Any(p => PhoneMatches(p, term.Value)),
    };

    private static bool PhoneMatches(string stored, string wanted)
    {
        var digits = Digits(stored);
        var suffix = wanted.StartsWith('*');
        var want = Digits(wanted);
        return want.Length > 0 && (suffix ? digits.EndsWith(want, StringComparison.Ordinal) : digits == want);
    }

    private static IEnumerable<string> Phones(FakeZendeskUser user) =>
        user.Identities.Where(i => i.Type == "phone_number").Select(i => i.Value).Append(user.Phone).OfType<string>();

    private static IEnumerable<string> Emails(FakeZendeskUser user) =>
        user.Identities.Where(i => i.Type == "email").Select(i => i.Value).Append(user.Email).OfType<string>();

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    private static IEnumerable<(string? Property, string Value)> Terms(string query) =>
        query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(term =>
        {
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? (term[..colon].ToLowerInvariant(), term[(colon + 1)..].Trim('"')) : ((string?)null, term.Trim('"'));
        });
}
