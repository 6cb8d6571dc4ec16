using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.HubSpot;

/// <summary>A stored CRM object: its type, id, properties (all strings, as HubSpot returns them) and when search sees it.</summary>
public sealed class FakeHubSpotObject
{
    public required string Type { get; init; }

    public required string Id { get; init; }

    public Dictionary<string, string?> Properties { get; init; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>From when the search index has this record.</summary>
    public DateTimeOffset IndexedAt { get; init; }

    public string? this[string property] => Properties.TryGetValue(property, out var value) ? value : null;

    public FakeHubSpotObject Clone() => new()
    {
        Type = Type,
        Id = Id,
        Properties = new(Properties, StringComparer.Ordinal),
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        IndexedAt = IndexedAt,
    };

    public JsonObject ToJson(IEnumerable<string>? properties = null, bool? isNew = null)
    {
        var selected = new JsonObject();
        foreach (var name in properties ?? Properties.Keys)
        {
            if (Properties.TryGetValue(name, out var value))
            {
                selected[name] = value;
            }
        }

        selected["hs_object_id"] = Id;
        var json = new JsonObject
        {
            ["id"] = Id,
            ["properties"] = selected,
            ["createdAt"] = CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["updatedAt"] = UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["archived"] = false,
        };
        if (isNew is not null)
        {
            json["new"] = isNew;
        }

        return json;
    }
}
