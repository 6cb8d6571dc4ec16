using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>
/// The REST resources under <c>/services/data/vXX.X/</c>, as one dispatcher so that Composite subrequests run
/// through exactly the code a direct call does.
/// </summary>
internal sealed class FakeSalesforceRestApi(FakeSalesforceStore store, IReadOnlyList<string> versions, Func<int> apiUsage, int dailyLimit)
{
    /// <summary>Answers one call; <paramref name="target"/> is path and query (<c>/services/data/v62.0/query?q=…</c>).</summary>
    public FakeSalesforceResponse Handle(string method, string target, byte[] body, string? contentType, Func<string, string, FakeSalesforceResponse?>? injectedFault = null)
    {
        var (path, query) = Split(target);
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length < 3 || segments[0] != "services" || segments[1] != "data")
        {
            return FakeSalesforceResponse.NotFound();
        }

        var version = segments[2];
        if (!versions.Contains(version, StringComparer.Ordinal))
        {
            return FakeSalesforceResponse.NotFound();
        }

        if (injectedFault?.Invoke(method, target + " " + Encoding.UTF8.GetString(body)) is { } fault)
        {
            return fault;
        }

        var rest = segments[3..];
        return (method, rest) switch
        {
            ("GET", ["query" or "queryAll"]) => FakeSalesforceSoql.Run(query.GetValueOrDefault("q") ?? "", store, version),
            ("GET", ["search"]) => FakeSalesforceSosl.Run(query.GetValueOrDefault("q") ?? "", store, version),
            ("GET", ["limits"]) => Limits(),
            ("POST", ["sobjects", var type]) => IsMultipart(contentType)
                ? FakeSalesforceMultipart.Create(type, body, contentType!, store)
                : WithJson(body, json => store.Create(type, json)),
            ("GET", ["sobjects", var type, var id]) => Get(type, id, version),
            ("PATCH", ["sobjects", var type, var id]) => WithJson(body, json => store.Update(type, id, json)),
            ("DELETE", ["sobjects", var type, var id]) => Delete(type, id),
            ("PATCH", ["sobjects", var type, var field, var value]) => WithJson(body, json => store.Upsert(type, field, value, json, version)),
            ("POST", ["composite", "sobjects"]) => WithJson(body, json => CreateCollection(json)),
            ("PATCH", ["composite", "sobjects", var type, var field]) => WithJson(body, json => UpsertCollection(type, field, json, version)),
            _ => FakeSalesforceResponse.NotFound(),
        };
    }

    private FakeSalesforceResponse Limits() => new(200, new JsonObject
    {
        ["DailyApiRequests"] = new JsonObject { ["Max"] = dailyLimit, ["Remaining"] = Math.Max(0, dailyLimit - apiUsage()) },
    });

    private FakeSalesforceResponse Get(string type, string id, string version) =>
        store.Find(id) is { } record && record.Type.Equals(type, StringComparison.OrdinalIgnoreCase)
            ? new FakeSalesforceResponse(200, FakeSalesforceStore.Show(record, version))
            : FakeSalesforceResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");

    private FakeSalesforceResponse Delete(string type, string id)
    {
        if (store.Find(id) is not { } record || !record.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
        {
            return FakeSalesforceResponse.Error(404, "ENTITY_IS_DELETED", "entity is deleted");
        }

        var remaining = store.Snapshot();
        remaining.RemoveAll(r => r.Id == record.Id);
        store.Restore(remaining);
        return new FakeSalesforceResponse(204, null);
    }

    /// <summary>POST /composite/sobjects: records carry <c>attributes.type</c>; up to 200.</summary>
    private FakeSalesforceResponse CreateCollection(JsonObject body) =>
        Collection(body, record => record["attributes"]?["type"]?.ToString() is { } type
            ? store.Create(type, record)
            : FakeSalesforceResponse.Error(400, "INVALID_TYPE", "Must send a concrete entity type."));

    /// <summary>PATCH /composite/sobjects/{type}/{field}: upsert up to 200 records, one result each (200 as a whole).</summary>
    private FakeSalesforceResponse UpsertCollection(string type, string field, JsonObject body, string version) =>
        Collection(body, record =>
        {
            var key = record.FirstOrDefault(p => p.Key.Equals(field, StringComparison.OrdinalIgnoreCase)).Value?.ToString();
            return key is null
                ? FakeSalesforceResponse.Error(400, "MISSING_ARGUMENT", $"{field} not specified")
                : store.Upsert(type, field, key, record, version);
        });

    private FakeSalesforceResponse Collection(JsonObject body, Func<JsonObject, FakeSalesforceResponse> write)
    {
        if (body["records"] is not JsonArray records || records.Count == 0)
        {
            return FakeSalesforceResponse.Error(400, "INVALID_FIELD", "records: required");
        }

        if (records.Count > 200)
        {
            return FakeSalesforceResponse.Error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }

        var allOrNone = body["allOrNone"]?.GetValue<bool>() == true;
        var before = store.Snapshot();
        var results = new List<JsonObject>();
        var failed = false;
        foreach (var node in records)
        {
            var answer = write((JsonObject)node!.DeepClone());
            failed |= !answer.IsSuccess;
            results.Add(answer.IsSuccess
                ? (JsonObject)answer.Body!.DeepClone()
                : new JsonObject { ["id"] = null, ["success"] = false, ["errors"] = Errors(answer.Body) });
        }

        if (allOrNone && failed)
        {
            store.Restore(before);
            results = results.Select(r => r["success"]!.GetValue<bool>()
                ? new JsonObject { ["id"] = null, ["success"] = false, ["errors"] = new JsonArray(new JsonObject { ["statusCode"] = "ALL_OR_NONE_OPERATION_ROLLED_BACK", ["message"] = "Record rolled back because not all records were valid and the request was using AllOrNone header", ["fields"] = new JsonArray() }) }
                : r).ToList();
        }

        return new FakeSalesforceResponse(200, new JsonArray(results.Select(r => (JsonNode?)r).ToArray()));
    }

    /// <summary>Collections report errors as <c>{"statusCode","message","fields"}</c>, not the REST error array's shape.</summary>
    private static JsonArray Errors(JsonNode? body) =>
        new((body as JsonArray ?? []).Select(e => (JsonNode?)new JsonObject
        {
            ["statusCode"] = e?["errorCode"]?.DeepClone(),
            ["message"] = e?["message"]?.DeepClone(),
            ["fields"] = e?["fields"]?.DeepClone() ?? new JsonArray(),
        }).ToArray());

    private static FakeSalesforceResponse WithJson(byte[] body, Func<JsonObject, FakeSalesforceResponse> handle)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject json
                ? handle(json)
                : FakeSalesforceResponse.Error(400, "JSON_PARSER_ERROR", "The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            return FakeSalesforceResponse.Error(400, "JSON_PARSER_ERROR", ex.Message);
        }
    }

    private static bool IsMultipart(string? contentType) => contentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;

    private static (string Path, Dictionary<string, string> Query) Split(string target)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in target[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
                query[name] = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return (path, query);
    }
}
