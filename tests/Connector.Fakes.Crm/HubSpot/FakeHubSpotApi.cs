using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.HubSpot;

/// <summary>
/// The CRM v3 objects API (create, read, update, batch create/read/update/upsert, search) and v4 associations over
/// the store, answering with HubSpot's bodies: 201 on create, 200 or 207 (with <c>errors</c>) on batches, 409 for a
/// known email, VALIDATION_ERROR for what the schema refuses. Called under the server's lock.
/// </summary>
internal sealed class FakeHubSpotApi(FakeHubSpotStore store, FakeHubSpotOptions options)
{
    public const int BatchLimit = 100;

    /// <summary>Upsert inputs (by their idProperty value) that fail once inside their batch.</summary>
    public List<string> FailingInputs { get; } = [];

    /// <summary>The idProperty values of each batch upsert received, in order.</summary>
    public List<IReadOnlyList<string>> UpsertBatches { get; } = [];

    private FakeHubSpotSchema Schema => store.Schema;

    public FakeHubSpotResponse Create(string type, JsonObject body)
    {
        var properties = Properties(body);
        if (Refusal(type, properties, null) is { } refusal)
        {
            return refusal;
        }

        if (AssociationsRefusal(type, body["associations"] as JsonArray) is { } wrong)
        {
            return wrong;
        }

        var record = store.Add(type, properties, indexed: false);
        AddAssociations(type, record.Id, body["associations"] as JsonArray);
        return new FakeHubSpotResponse(201, record.ToJson());
    }

    public FakeHubSpotResponse Read(string type, string id, string? idProperty, IReadOnlyList<string>? properties)
    {
        var record = idProperty is null ? store.Find(type, id) : store.FindBy(type, idProperty, id);
        return record is null ? FakeHubSpotResponse.NotFound($"Object not found.  objectId are usually numeric.") : new FakeHubSpotResponse(200, record.ToJson(properties));
    }

    public FakeHubSpotResponse Update(string type, string id, JsonObject body)
    {
        if (store.Find(type, id) is not { } record)
        {
            return FakeHubSpotResponse.NotFound($"resource not found: {type} {id}");
        }

        var properties = Properties(body);
        if (Refusal(type, properties, record) is { } refusal)
        {
            return refusal;
        }

        store.Set(record, properties);
        return new FakeHubSpotResponse(200, record.ToJson());
    }

    public FakeHubSpotResponse Batch(string type, string operation, JsonObject body)
    {
        var inputs = (body["inputs"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (inputs.Count == 0 || inputs.Count > BatchLimit)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"Batch input must contain between 1 and {BatchLimit} inputs; got {inputs.Count}.");
        }

        return operation switch
        {
            "create" => BatchCreate(type, inputs),
            "update" => BatchUpdate(type, inputs),
            "upsert" => BatchUpsert(type, inputs),
            "read" => BatchRead(type, body, inputs),
            _ => FakeHubSpotResponse.NotFound(),
        };
    }

    /// <summary>v4 <c>batch/create</c>: both records must exist and the type id be defined for the pair.</summary>
    public FakeHubSpotResponse Associate(string fromType, string toType, JsonObject body)
    {
        var inputs = (body["inputs"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (inputs.Count == 0 || inputs.Count > BatchLimit)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"Batch input must contain between 1 and {BatchLimit} inputs; got {inputs.Count}.");
        }

        var results = new JsonArray();
        var errors = new JsonArray();
        foreach (var input in inputs)
        {
            var from = input["from"]?["id"]?.ToString();
            var to = input["to"]?["id"]?.ToString();
            var types = (input["types"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (types.Count == 0)
            {
                return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", "types must not be empty");
            }

            foreach (var t in types)
            {
                var category = t["associationCategory"]?.ToString();
                var typeId = t["associationTypeId"] is JsonValue v && v.TryGetValue<int>(out var id) ? id : -1;
                if (category != "HUBSPOT_DEFINED" || FakeHubSpotSchema.AssociationType(fromType, toType) != typeId)
                {
                    return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR",
                        $"{category} association type id {typeId} is not valid for {fromType} to {toType}");
                }
            }

            if (from is null || to is null || store.Find(fromType, from) is null || store.Find(toType, to) is null)
            {
                errors.Add(BatchError("OBJECT_NOT_FOUND", $"No {(from is null || store.Find(fromType, from) is null ? fromType : toType)} with id {(from is null || store.Find(fromType, from) is null ? from : to)}", from ?? to ?? ""));
                continue;
            }

            store.Associate(fromType, from, toType, to, FakeHubSpotSchema.AssociationType(fromType, toType)!.Value);
            results.Add(new JsonObject
            {
                ["fromObjectTypeId"] = fromType,
                ["fromObjectId"] = long.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
                ["toObjectTypeId"] = toType,
                ["toObjectId"] = long.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
                ["labels"] = new JsonArray(),
            });
        }

        return BatchAnswer(results, errors, created: true);
    }

    /// <summary>v4 <c>PUT …/associations/default/{toType}/{toId}</c>: the pair's default type.</summary>
    public FakeHubSpotResponse AssociateDefault(string fromType, string fromId, string toType, string toId)
    {
        if (FakeHubSpotSchema.AssociationType(fromType, toType) is not { } typeId)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"No default association between {fromType} and {toType}");
        }

        if (store.Find(fromType, fromId) is null || store.Find(toType, toId) is null)
        {
            return FakeHubSpotResponse.NotFound($"No {fromType} {fromId} or {toType} {toId}");
        }

        store.Associate(fromType, fromId, toType, toId, typeId);
        return new FakeHubSpotResponse(200, new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = new JsonArray(new JsonObject { ["from"] = new JsonObject { ["id"] = fromId }, ["to"] = new JsonObject { ["id"] = toId }, ["associationTypes"] = new JsonArray() }),
        });
    }

    private FakeHubSpotResponse BatchCreate(string type, List<JsonObject> inputs)
    {
        foreach (var input in inputs)
        {
            var properties = Properties(input);
            if (Refusal(type, properties, null) is { } refusal)
            {
                return refusal; // one invalid input fails the whole batch, before anything is written
            }
        }

        var results = new JsonArray();
        foreach (var input in inputs)
        {
            var record = store.Add(type, Properties(input), indexed: false);
            AddAssociations(type, record.Id, input["associations"] as JsonArray);
            results.Add(record.ToJson());
        }

        return BatchAnswer(results, [], created: true);
    }

    private FakeHubSpotResponse BatchUpdate(string type, List<JsonObject> inputs)
    {
        var results = new JsonArray();
        var errors = new JsonArray();
        foreach (var input in inputs)
        {
            var id = input["id"]?.ToString() ?? "";
            if (store.Find(type, id) is not { } record)
            {
                errors.Add(BatchError("OBJECT_NOT_FOUND", $"Object {id} not found", id));
                continue;
            }

            var properties = Properties(input);
            if (Refusal(type, properties, record) is { } refusal)
            {
                return refusal;
            }

            store.Set(record, properties);
            results.Add(record.ToJson());
        }

        return BatchAnswer(results, errors, created: false);
    }

    /// <summary>
    /// Upsert on a unique property: the record whose idProperty equals the input's id is updated, or created with it.
    /// A contact email that belongs to another contact fails the whole batch with 409.
    /// </summary>
    private FakeHubSpotResponse BatchUpsert(string type, List<JsonObject> inputs)
    {
        var idProperty = inputs[0]["idProperty"]?.ToString();
        if (idProperty is null || inputs.Any(i => i["idProperty"]?.ToString() != idProperty) || !Schema.IsUnique(type, idProperty))
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"idProperty {idProperty} is not a unique value property of {type}");
        }

        var keys = inputs.Select(i => i["id"]?.ToString()).ToList();
        if (keys.Any(string.IsNullOrEmpty) || keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", "Every input needs an id, and no id may appear twice in one batch");
        }

        UpsertBatches.Add(keys.OfType<string>().ToList());
        foreach (var input in inputs)
        {
            var existing = store.FindBy(type, idProperty, input["id"]!.ToString());
            var properties = Properties(input);
            properties[idProperty] = input["id"]!.ToString();
            if (Refusal(type, properties, existing) is { } refusal)
            {
                return refusal;
            }
        }

        var results = new JsonArray();
        var errors = new JsonArray();
        foreach (var input in inputs)
        {
            var key = input["id"]!.ToString();
            if (FailingInputs.Remove(key))
            {
                errors.Add(BatchError("INTERNAL_ERROR", $"The write of {idProperty}={key} could not be completed; try again", key));
                continue;
            }

            var properties = Properties(input);
            properties[idProperty] = key;
            var existing = store.FindBy(type, idProperty, key);
            if (existing is null)
            {
                results.Add(store.Add(type, properties, indexed: false).ToJson(isNew: true));
            }
            else
            {
                store.Set(existing, properties);
                results.Add(existing.ToJson(isNew: false));
            }
        }

        return BatchAnswer(results, errors, created: false);
    }

    private FakeHubSpotResponse BatchRead(string type, JsonObject body, List<JsonObject> inputs)
    {
        var idProperty = body["idProperty"]?.ToString();
        if (idProperty is not null && !Schema.IsUnique(type, idProperty))
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"idProperty {idProperty} is not a unique value property of {type}");
        }

        var properties = (body["properties"] as JsonArray)?.Select(p => p?.ToString()).OfType<string>().ToList();
        var results = new JsonArray();
        var missing = new List<string>();
        foreach (var id in inputs.Select(i => i["id"]?.ToString() ?? ""))
        {
            var record = idProperty is null ? store.Find(type, id) : store.FindBy(type, idProperty, id);
            if (record is null)
            {
                missing.Add(id);
            }
            else
            {
                results.Add(record.ToJson(properties));
            }
        }

        var errors = new JsonArray();
        if (missing.Count > 0)
        {
            errors.Add(new JsonObject
            {
                ["status"] = "error",
                ["category"] = "OBJECT_NOT_FOUND",
                ["message"] = $"Could not get some {type.ToUpperInvariant().TrimEnd('S')} objects, they may be deleted or not exist. Check that ids are valid.",
                ["context"] = new JsonObject { ["ids"] = new JsonArray(missing.Select(m => (JsonNode?)m).ToArray()) },
            });
        }

        return BatchAnswer(results, errors, created: false);
    }

    /// <summary>Why HubSpot would refuse these values for this record (new when <paramref name="existing"/> is null), or null.</summary>
    private FakeHubSpotResponse? Refusal(string type, Dictionary<string, string?> properties, FakeHubSpotObject? existing)
    {
        var context = new Dictionary<string, string?>(properties, StringComparer.Ordinal);
        if (type == "tickets" && !context.ContainsKey("hs_pipeline") && existing?["hs_pipeline"] is { } pipeline)
        {
            context["hs_pipeline"] = pipeline;
        }

        var problems = Schema.Check(type, context, creating: existing is null, store.FileExists);
        if (problems.Count > 0)
        {
            return FakeHubSpotResponse.Invalid(problems);
        }

        if (type == FakeHubSpotSchema.Contacts && properties.GetValueOrDefault("email") is { Length: > 0 } email
            && store.FindBy(type, "email", email) is { } owner && owner != existing)
        {
            return FakeHubSpotResponse.Error(409, "CONFLICT", $"Contact already exists. Existing ID: {owner.Id}");
        }

        foreach (var (name, value) in properties)
        {
            if (name != "email" && value is { Length: > 0 } && Schema.IsUnique(type, name) && store.FindBy(type, name, value) is { } holder && holder != existing)
            {
                return FakeHubSpotResponse.Error(409, "CONFLICT", $"A {type} object with the value {value} for the unique property {name} already exists: {holder.Id}");
            }
        }

        return null;
    }

    private FakeHubSpotResponse? AssociationsRefusal(string type, JsonArray? associations)
    {
        foreach (var association in (associations ?? []).OfType<JsonObject>())
        {
            var toId = association["to"]?["id"]?.ToString();
            var typeId = (association["types"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault()?["associationTypeId"] is JsonValue v && v.TryGetValue<int>(out var id) ? id : -1;
            var toType = new[] { "contacts", "tickets", "calls", "notes", "emails", "communications" }.FirstOrDefault(t => FakeHubSpotSchema.AssociationType(type, t) == typeId);
            if (toType is null || toId is null || store.Find(toType, toId) is null)
            {
                return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"association type id {typeId} from {type} to record {toId} is not valid");
            }
        }

        return null;
    }

    private void AddAssociations(string type, string id, JsonArray? associations)
    {
        foreach (var association in (associations ?? []).OfType<JsonObject>())
        {
            var typeId = (int)association["types"]!.AsArray()[0]!["associationTypeId"]!;
            var toType = new[] { "contacts", "tickets", "calls", "notes", "emails", "communications" }.First(t => FakeHubSpotSchema.AssociationType(type, t) == typeId);
            store.Associate(type, id, toType, association["to"]!["id"]!.ToString(), typeId);
        }
    }

    private static Dictionary<string, string?> Properties(JsonObject body) =>
        (body["properties"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString(), StringComparer.Ordinal);

    private static JsonObject BatchError(string category, string message, string id) => new()
    {
        ["status"] = "error",
        ["category"] = category,
        ["message"] = message,
        ["context"] = new JsonObject { ["ids"] = new JsonArray(id) },
    };

    private FakeHubSpotResponse BatchAnswer(JsonArray results, JsonArray errors, bool created)
    {
        var now = options.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = results,
            ["startedAt"] = now,
            ["completedAt"] = now,
        };
        if (errors.Count > 0)
        {
            body["numErrors"] = errors.Count;
            body["errors"] = errors;
            return new FakeHubSpotResponse(207, body);
        }

        return new FakeHubSpotResponse(created ? 201 : 200, body);
    }
}
