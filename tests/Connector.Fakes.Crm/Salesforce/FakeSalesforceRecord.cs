using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>A record in the fake org: its type, id and fields (canonical names); a ContentVersion also holds its bytes.</summary>
public sealed class FakeSalesforceRecord
{
    internal FakeSalesforceRecord(string type, string id, JsonObject fields, byte[]? versionData = null)
    {
        Type = type;
        Id = id;
        Fields = fields;
        VersionData = versionData;
    }

    public string Type { get; }

    public string Id { get; }

    /// <summary>The stored fields (a copy: change records through the API or the fake's control surface).</summary>
    public JsonObject Fields { get; private set; }

    /// <summary>A ContentVersion's file content.</summary>
    public byte[]? VersionData { get; private set; }

    public string? this[string field] => Fields.TryGetPropertyValue(field, out var value) && value is JsonValue v ? v.ToString() : null;

    internal void Replace(JsonObject fields, byte[]? versionData)
    {
        Fields = fields;
        VersionData = versionData ?? VersionData;
    }

    internal FakeSalesforceRecord Clone() => new(Type, Id, (JsonObject)Fields.DeepClone(), VersionData);
}
