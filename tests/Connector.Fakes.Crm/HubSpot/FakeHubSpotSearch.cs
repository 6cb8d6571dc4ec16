using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.HubSpot;

/// <summary>
/// <c>POST /crm/v3/objects/{type}/search</c>: filter groups ORed, filters inside a group ANDed, within HubSpot's
/// limits (5 groups, 10 filters per group, 25 in total, 100 values in an IN, page size up to 200); string comparisons
/// ignore case. Only records the index has caught up with are found.
/// </summary>
internal static class FakeHubSpotSearch
{
    private const int MaxGroups = 5;
    private const int MaxFiltersPerGroup = 10;
    private const int MaxFilters = 25;
    private const int MaxInValues = 100;
    private const int MaxLimit = 200;

    private static readonly string[] Operators = ["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"];

    private static readonly Dictionary<string, string[]> DefaultProperties = new(StringComparer.Ordinal)
    {
        [FakeHubSpotSchema.Contacts] = ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
    };

    public static FakeHubSpotResponse Run(string type, JsonObject body, FakeHubSpotStore store, DateTimeOffset now)
    {
        var groups = body["filterGroups"] as JsonArray ?? [];
        if (groups.Count > MaxGroups)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"Too many filter groups ({groups.Count}). The maximum is {MaxGroups}.");
        }

        var total = 0;
        var parsed = new List<List<JsonObject>>();
        foreach (var group in groups)
        {
            var filters = (group?["filters"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (filters.Count > MaxFiltersPerGroup)
            {
                return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"Too many filters in a group ({filters.Count}). The maximum is {MaxFiltersPerGroup}.");
            }

            total += filters.Count;
            foreach (var filter in filters)
            {
                var op = filter["operator"]?.ToString();
                if (op is null || !Operators.Contains(op, StringComparer.Ordinal))
                {
                    return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"Invalid operator: {op}");
                }

                if (filter["propertyName"] is null)
                {
                    return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", "propertyName is required in a filter");
                }

                if (op is "IN" or "NOT_IN" && (filter["values"] is not JsonArray values || values.Count is 0 or > MaxInValues))
                {
                    return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"{op} needs between 1 and {MaxInValues} values");
                }
            }

            parsed.Add(filters);
        }

        if (total > MaxFilters)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"Too many filters ({total}). The maximum is {MaxFilters}.");
        }

        var limit = body["limit"] is JsonValue l && l.TryGetValue<int>(out var n) ? n : 10;
        if (limit is < 1 or > MaxLimit)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"limit must be between 1 and {MaxLimit}");
        }

        var after = int.TryParse(body["after"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        var requested = (body["properties"] as JsonArray)?.Select(p => p?.ToString()).OfType<string>().ToList();
        var properties = requested is { Count: > 0 } ? requested : DefaultProperties.GetValueOrDefault(type, ["hs_object_id", "createdate", "lastmodifieddate"]).ToList();
        var hits = store.OfType(type).Where(r => r.IndexedAt <= now && (parsed.Count == 0 || parsed.Any(g => g.All(f => Matches(r, f))))).ToList();
        var page = hits.Skip(after).Take(limit).ToList();
        var answer = new JsonObject
        {
            ["total"] = hits.Count,
            ["results"] = new JsonArray(page.Select(r => (JsonNode)r.ToJson(properties)).ToArray()),
        };
        if (after + page.Count < hits.Count)
        {
            var next = (after + page.Count).ToString(CultureInfo.InvariantCulture);
            answer["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = next, ["link"] = $"?after={next}" } };
        }

        return new FakeHubSpotResponse(200, answer);
    }

    private static bool Matches(FakeHubSpotObject record, JsonObject filter)
    {
        var value = record[filter["propertyName"]!.ToString()];
        var target = filter["value"]?.ToString();
        var values = (filter["values"] as JsonArray)?.Select(v => v?.ToString()).OfType<string>().ToList() ?? [];
        return filter["operator"]!.ToString() switch
        {
            "EQ" => Same(value, target),
            "NEQ" => !Same(value, target),
            "IN" => values.Any(v => Same(value, v)),
            "NOT_IN" => !values.Any(v => Same(value, v)),
            "HAS_PROPERTY" => !string.IsNullOrEmpty(value),
            "NOT_HAS_PROPERTY" => string.IsNullOrEmpty(value),
            "CONTAINS_TOKEN" => value is not null && target is not null && Tokens(value).Any(t => Wildcard(t, target)),
            "NOT_CONTAINS_TOKEN" => value is null || target is null || !Tokens(value).Any(t => Wildcard(t, target)),
            "LT" => Compare(value, target) < 0,
            "LTE" => Compare(value, target) <= 0,
            "GT" => Compare(value, target) > 0,
            "GTE" => Compare(value, target) >= 0,
            "BETWEEN" => Compare(value, target) >= 0 && Compare(value, filter["highValue"]?.ToString()) <= 0,
            // A record without the property matches no comparison.
            _ => false,
        };
    }

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Tokens(string value) => value.Split([' ', '@', '.', ',', ';', '-'], StringSplitOptions.RemoveEmptyEntries).Append(value);

    private static bool Wildcard(string token, string pattern) => pattern switch
    {
        ['*', .. var rest] when rest.EndsWith('*') => token.Contains(rest.TrimEnd('*'), StringComparison.OrdinalIgnoreCase),
        ['*', .. var rest] => token.EndsWith(rest, StringComparison.OrdinalIgnoreCase),
        _ when pattern.EndsWith('*') => token.StartsWith(pattern.TrimEnd('*'), StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(token, pattern, StringComparison.OrdinalIgnoreCase),
    };

    private static int? Compare(string? value, string? target)
    {
        if (value is null || target is null)
        {
            return null;
        }

        return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(target, NumberStyles.Number, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : string.Compare(value, target, StringComparison.OrdinalIgnoreCase);
    }
}
