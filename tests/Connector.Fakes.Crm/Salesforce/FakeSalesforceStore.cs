using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>
/// The fake org's data and the rules Salesforce applies when writing it. Not thread-safe by itself: the server
/// holds its lock around every call (and around a whole Composite request, which is one transaction).
/// </summary>
internal sealed class FakeSalesforceStore(FakeSalesforceSchema schema, TimeProvider clock)
{
    private List<FakeSalesforceRecord> _records = [];
    private long _sequence;
    private int _caseNumber = 1000;

    public FakeSalesforceSchema Schema => schema;

    public IReadOnlyList<FakeSalesforceRecord> All => _records;

    public IEnumerable<FakeSalesforceRecord> OfType(string type) => _records.Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase));

    public FakeSalesforceRecord? Find(string id) => _records.FirstOrDefault(r => SameId(r.Id, id));

    public List<FakeSalesforceRecord> Snapshot() => _records.Select(r => r.Clone()).ToList();

    public void Restore(List<FakeSalesforceRecord> snapshot) => _records = snapshot;

    /// <summary>Adds a record as it is, bypassing validation (test setup: e.g. two records sharing an external id).</summary>
    public FakeSalesforceRecord Seed(string type, JsonObject fields)
    {
        var sobject = schema.Find(type) ?? throw new ArgumentException($"The fake has no sObject {type}.", nameof(type));
        var record = new FakeSalesforceRecord(sobject.Name, NewId(sobject.Prefix), Stamp(sobject, fields, created: true));
        _records.Add(record);
        return record;
    }

    public FakeSalesforceResponse Create(string type, JsonObject body, byte[]? versionData = null)
    {
        if (schema.Find(type) is not { } sobject)
        {
            return FakeSalesforceResponse.Error(404, "NOT_FOUND", $"The requested resource does not exist: sObject type '{type}' is not supported.");
        }

        if (Validate(sobject, body, creating: true, ref versionData) is { } invalid)
        {
            return invalid;
        }

        if (DuplicateOf(sobject, body, exceptId: null) is { } duplicate)
        {
            return FakeSalesforceResponse.Error(400, "DUPLICATE_VALUE",
                $"duplicate value found: {schema.ExternalIdField} duplicates value on record with id: {duplicate.Id}");
        }

        var record = new FakeSalesforceRecord(sobject.Name, NewId(sobject.Prefix), Stamp(sobject, Canonical(sobject, body), created: true), versionData);
        _records.Add(record);
        AfterCreate(record);
        return new FakeSalesforceResponse(201, SaveResult(record.Id, created: null), $"/sobjects/{sobject.Name}/{record.Id}");
    }

    public FakeSalesforceResponse Update(string type, string id, JsonObject body)
    {
        if (schema.Find(type) is not { } sobject || Find(id) is not { } record || record.Type != sobject.Name)
        {
            return FakeSalesforceResponse.Error(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id);
        }

        byte[]? noData = null;
        if (Validate(sobject, body, creating: false, ref noData) is { } invalid)
        {
            return invalid;
        }

        if (DuplicateOf(sobject, body, exceptId: record.Id) is { } duplicate)
        {
            return FakeSalesforceResponse.Error(400, "DUPLICATE_VALUE",
                $"duplicate value found: {schema.ExternalIdField} duplicates value on record with id: {duplicate.Id}");
        }

        var merged = (JsonObject)record.Fields.DeepClone();
        foreach (var (field, value) in Canonical(sobject, body))
        {
            merged[field] = value?.DeepClone();
        }

        record.Replace(Stamp(sobject, merged, created: false), null);
        return new FakeSalesforceResponse(204, null);
    }

    /// <summary>PATCH /sobjects/{type}/{field}/{value}: 201 new, 200 with created:false (v46+) existing, 300 several.</summary>
    public FakeSalesforceResponse Upsert(string type, string field, string value, JsonObject body, string apiVersion)
    {
        if (schema.Find(type) is not { } sobject)
        {
            return FakeSalesforceResponse.NotFound();
        }

        var canonicalField = field.Equals("Id", StringComparison.OrdinalIgnoreCase) ? "Id" : sobject.Canonical(field);
        if (canonicalField is null || (canonicalField != "Id" && !canonicalField.Equals(schema.ExternalIdField, StringComparison.OrdinalIgnoreCase)))
        {
            return FakeSalesforceResponse.Error(404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {field}");
        }

        if (body.FirstOrDefault(p => p.Key.Equals(canonicalField, StringComparison.OrdinalIgnoreCase)) is { Key: not null } inBody
            && inBody.Value?.ToString() != value)
        {
            return FakeSalesforceResponse.Error(400, "INVALID_FIELD", $"The value of the field '{canonicalField}' in the body does not match the URL.");
        }

        body = (JsonObject)body.DeepClone();
        foreach (var key in body.Select(p => p.Key).Where(k => k.Equals(canonicalField, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            body.Remove(key);
        }

        var matches = canonicalField == "Id"
            ? _records.Where(r => r.Type == sobject.Name && SameId(r.Id, value)).ToList()
            : _records.Where(r => r.Type == sobject.Name && string.Equals(r[canonicalField], value, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count > 1)
        {
            return new FakeSalesforceResponse(300, new JsonArray(matches.Select(m => (JsonNode?)JsonValue.Create($"/services/data/{apiVersion}/sobjects/{sobject.Name}/{m.Id}")).ToArray()));
        }

        if (matches.Count == 1)
        {
            var updated = Update(sobject.Name, matches[0].Id, body);
            return updated.IsSuccess ? new FakeSalesforceResponse(200, SaveResult(matches[0].Id, created: false)) : updated;
        }

        if (canonicalField == "Id")
        {
            return FakeSalesforceResponse.NotFound();
        }

        body[canonicalField] = value;
        var created = Create(sobject.Name, body);
        return created.IsSuccess ? created with { Body = SaveResult(((JsonObject)created.Body!)["id"]!.GetValue<string>(), created: true) } : created;
    }

    /// <summary>The record as the REST API shows it: attributes, then the requested (or all) fields.</summary>
    public static JsonObject Show(FakeSalesforceRecord record, string apiVersion, IReadOnlyList<string>? fields = null)
    {
        var shown = new JsonObject
        {
            ["attributes"] = new JsonObject { ["type"] = record.Type, ["url"] = $"/services/data/{apiVersion}/sobjects/{record.Type}/{record.Id}" },
        };
        foreach (var field in fields ?? ["Id", .. record.Fields.Select(p => p.Key)])
        {
            shown[field] = field == "Id" ? record.Id : record.Fields.TryGetPropertyValue(field, out var value) ? value?.DeepClone() : null;
        }

        if (fields is null && record.VersionData is not null)
        {
            shown["VersionData"] = $"/services/data/{apiVersion}/sobjects/ContentVersion/{record.Id}/VersionData";
        }

        return shown;
    }

    public static bool SameId(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal) || (a.Length >= 15 && b.Length >= 15 && string.Equals(a[..15], b[..15], StringComparison.Ordinal));

    private FakeSalesforceResponse? Validate(FakeSObjectType sobject, JsonObject body, bool creating, ref byte[]? versionData)
    {
        foreach (var (field, value) in body)
        {
            if (field == "attributes")
            {
                continue;
            }

            var canonical = sobject.Canonical(field);
            if (canonical is null)
            {
                return FakeSalesforceResponse.Error(400, "INVALID_FIELD", $"No such column '{field}' on sobject of type {sobject.Name}");
            }

            if (sobject.ReadOnly.Contains(canonical) || (!creating && sobject.CreateOnly.Contains(canonical)))
            {
                return FakeSalesforceResponse.Error(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                    $"Unable to create/update fields: {canonical}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", canonical);
            }

            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString();
            if (sobject.RestrictedPicklists.TryGetValue(canonical, out var allowed) && value is not null && !allowed.Contains(text, StringComparer.Ordinal))
            {
                return FakeSalesforceResponse.Error(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", $"{canonical}: bad value for restricted picklist field: {text}", canonical);
            }

            if (sobject.Lookups.TryGetValue(canonical, out var targets) && value is not null)
            {
                var ids = value is JsonArray array ? array.Select(i => i?.ToString() ?? "").ToList() : [text ?? ""];
                foreach (var id in ids)
                {
                    if (CheckReference(canonical, id, targets) is { } bad)
                    {
                        return bad;
                    }
                }
            }

            if (canonical == "VersionData" && value is not null)
            {
                try
                {
                    versionData = Convert.FromBase64String(text ?? "");
                }
                catch (FormatException)
                {
                    return FakeSalesforceResponse.Error(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of base64 from VALUE_STRING value: not base64");
                }
            }

            if (canonical == "CallDurationInSeconds" && value is not null && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                return FakeSalesforceResponse.Error(400, "JSON_PARSER_ERROR", $"Cannot deserialize instance of int from VALUE_STRING value {text}");
            }
        }

        if (creating)
        {
            var hasData = versionData is not null;
            var missing = sobject.Required
                .Where(r => r != "VersionData" || !hasData)
                .Where(r => !body.Any(p => p.Key.Equals(r, StringComparison.OrdinalIgnoreCase) && p.Value is not null && p.Value.ToString().Length > 0))
                .ToArray();
            if (missing.Length > 0)
            {
                return FakeSalesforceResponse.Error(400, "REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing);
            }
        }

        return null;
    }

    private FakeSalesforceResponse? CheckReference(string field, string id, string[] targets)
    {
        var type = schema.ByPrefix(id);
        if (type is null || id.Length is not (15 or 18))
        {
            return FakeSalesforceResponse.Error(400, "MALFORMED_ID", $"{field}: id value of incorrect type: {id}", field);
        }

        if (!targets.Contains(type.Name, StringComparer.Ordinal))
        {
            return FakeSalesforceResponse.Error(400, "FIELD_INTEGRITY_EXCEPTION", $"{field}: id value of incorrect type: {id}", field);
        }

        return Find(id) is null
            ? FakeSalesforceResponse.Error(400, "INVALID_CROSS_REFERENCE_KEY", $"invalid cross reference id", field)
            : null;
    }

    private FakeSalesforceRecord? DuplicateOf(FakeSObjectType sobject, JsonObject body, string? exceptId)
    {
        var key = body.FirstOrDefault(p => p.Key.Equals(schema.ExternalIdField, StringComparison.OrdinalIgnoreCase)).Value?.ToString();
        return key is null ? null : _records.FirstOrDefault(r => r.Type == sobject.Name && r.Id != exceptId && string.Equals(r[schema.ExternalIdField], key, StringComparison.OrdinalIgnoreCase));
    }

    private static JsonObject Canonical(FakeSObjectType sobject, JsonObject body)
    {
        var fields = new JsonObject();
        foreach (var (field, value) in body)
        {
            if (field != "attributes" && field != "VersionData" && sobject.Canonical(field) is { } canonical)
            {
                fields[canonical] = value?.DeepClone();
            }
        }

        return fields;
    }

    private JsonObject Stamp(FakeSObjectType sobject, JsonObject fields, bool created)
    {
        var now = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
        if (created)
        {
            fields["CreatedDate"] = now;
            fields["IsDeleted"] = false;
            if (sobject.Name == "Case")
            {
                fields["CaseNumber"] = (++_caseNumber).ToString("D8", CultureInfo.InvariantCulture);
            }
        }

        fields["LastModifiedDate"] = now;
        fields["SystemModstamp"] = now;
        if (sobject.Name is "Contact" or "Lead" or "User")
        {
            var first = fields["FirstName"]?.ToString();
            var last = fields["LastName"]?.ToString();
            fields["Name"] = string.IsNullOrEmpty(first) ? last : $"{first} {last}";
        }

        return fields;
    }

    /// <summary>FirstPublishLocationId creates the ContentDocument and links it to that record.</summary>
    private void AfterCreate(FakeSalesforceRecord record)
    {
        if (record.Type != "ContentVersion")
        {
            return;
        }

        var documentId = NewId("069");
        record.Fields["ContentDocumentId"] = documentId;
        if (record["FirstPublishLocationId"] is { } parent)
        {
            _records.Add(new FakeSalesforceRecord("ContentDocumentLink", NewId("06A"), new JsonObject
            {
                ["ContentDocumentId"] = documentId,
                ["LinkedEntityId"] = parent,
                ["ShareType"] = "V",
                ["Visibility"] = "AllUsers",
            }));
        }
    }

    private static JsonObject SaveResult(string id, bool? created)
    {
        var result = new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() };
        if (created is { } c)
        {
            result["created"] = c;
        }

        return result;
    }

    /// <summary>18-character ids with the object's key prefix, like Salesforce's.</summary>
    private string NewId(string prefix)
    {
        var n = Interlocked.Increment(ref _sequence);
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var body = new char[9];
        for (var i = body.Length - 1; i >= 0; i--)
        {
            body[i] = alphabet[(int)(n % alphabet.Length)];
            n /= alphabet.Length;
        }

        return $"{prefix}R0{new string(body)}0AAA"[..18];
    }
}
