using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Dynamics;

/// <summary>
/// A stored row: its table, id and columns as Dataverse returns them (lookups as <c>_{name}_value</c>, the lookup's
/// table in <c>_{name}_type</c>), plus its activity parties.
/// </summary>
public sealed class FakeDynamicsRecord(string table, Guid id, JsonObject fields)
{
    public string Table { get; } = table;

    public Guid Id { get; } = id;

    public JsonObject Fields { get; } = fields;

    public long Version { get; set; } = 1;

    public string? this[string column] => Fields[column] is JsonValue value ? value.ToString() : null;

    public IReadOnlyList<JsonObject> Parties => Fields["activityparties"] is JsonArray parties ? parties.OfType<JsonObject>().ToList() : [];

    public FakeDynamicsRecord Clone() => new(Table, Id, (JsonObject)Fields.DeepClone()) { Version = Version };
}
