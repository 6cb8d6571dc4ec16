using System.Text.Json.Nodes;

namespace Connector.Dynamics.Batch;

/// <summary>
/// Requests that succeed or fail together (a change set: one transaction). Later requests refer to records written
/// earlier in the same set by Content-ID (<c>"$1"</c>) instead of their URL, as the OData batch format prescribes;
/// a request sent alone keeps the URL. A lone request outside any change set is a set of one that is not atomic.
/// </summary>
internal sealed record DynamicsChangeSet(IReadOnlyList<DynamicsOperation> Operations, bool Atomic)
{
    public static DynamicsChangeSet Of(IReadOnlyList<DynamicsOperation> operations) => new(operations, Atomic: true);

    public static DynamicsChangeSet Alone(DynamicsOperation operation) => new([operation], Atomic: false);

    /// <summary>Each operation's body with binds to earlier members replaced by <c>$n</c> (n = 1-based Content-ID).</summary>
    public IReadOnlyList<JsonObject?> BodiesWithReferences()
    {
        var bodies = new List<JsonObject?>();
        var earlier = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Operations.Count; i++)
        {
            var body = Operations[i].Body?.DeepClone().AsObject();
            if (body is not null && Atomic)
            {
                Reference(body, earlier);
            }

            bodies.Add(body);
            if (Operations[i].BindPath is { } path)
            {
                earlier.TryAdd(path, $"${i + 1}");
            }
        }

        return bodies;
    }

    private static void Reference(JsonObject body, Dictionary<string, string> earlier)
    {
        foreach (var (name, value) in body.ToList())
        {
            if (name.EndsWith("@odata.bind", StringComparison.Ordinal) && value?.GetValue<string>() is { } path && earlier.TryGetValue(path, out var reference))
            {
                body[name] = reference;
            }
            else if (value is JsonArray items)
            {
                foreach (var item in items.OfType<JsonObject>())
                {
                    Reference(item, earlier);
                }
            }
        }
    }
}
