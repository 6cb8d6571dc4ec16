using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>
/// POST /composite: up to 25 subrequests (at most 5 queries) run in order in one transaction; <c>@{ref.field}</c>
/// in a URL or body refers to an earlier answer. allOrNone rolls everything back on the first failure and answers
/// the rest with PROCESSING_HALTED; without it a subrequest that names a failed one is halted alone. The whole
/// answers 200; each subrequest has its own status.
/// </summary>
internal static partial class FakeSalesforceComposite
{
    public const int MaxSubrequests = 25;
    public const int MaxQueries = 5;

    public static FakeSalesforceResponse Run(byte[] body, FakeSalesforceStore store, FakeSalesforceRestApi api, Func<string, string, FakeSalesforceResponse?> subrequestFault, List<IReadOnlyList<JsonObject>> log)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            return FakeSalesforceResponse.Error(400, "JSON_PARSER_ERROR", ex.Message);
        }

        if (request["compositeRequest"] is not JsonArray subrequests || subrequests.Count == 0)
        {
            return FakeSalesforceResponse.Error(400, "INVALID_FIELD", "compositeRequest: required field missing");
        }

        if (subrequests.Count > MaxSubrequests)
        {
            return FakeSalesforceResponse.Error(400, "LIMIT_EXCEEDED", $"A composite request can contain at most {MaxSubrequests} subrequests.");
        }

        var references = new HashSet<string>(StringComparer.Ordinal);
        var queries = 0;
        foreach (var sub in subrequests.OfType<JsonObject>())
        {
            var referenceId = sub["referenceId"]?.ToString();
            if (string.IsNullOrEmpty(referenceId) || !ReferenceIdShape().IsMatch(referenceId) || !references.Add(referenceId))
            {
                return FakeSalesforceResponse.Error(400, "INVALID_INPUT", $"Invalid or duplicate referenceId: '{referenceId}'. It must be unique and start with a letter.");
            }

            if (sub["method"]?.ToString() is not ("GET" or "POST" or "PATCH" or "PUT" or "DELETE") || sub["url"]?.ToString() is not { Length: > 0 })
            {
                return FakeSalesforceResponse.Error(400, "INVALID_INPUT", $"Subrequest {referenceId}: method and url are required.");
            }

            if (sub["httpHeaders"] is JsonObject headers && headers.Any(h => h.Key.ToUpperInvariant() is "ACCEPT" or "AUTHORIZATION" or "CONTENT-TYPE"))
            {
                return FakeSalesforceResponse.Error(400, "INVALID_INPUT", "Subrequests can't set the Accept, Authorization or Content-Type header.");
            }

            if (sub["url"]!.ToString().Contains("/query", StringComparison.Ordinal))
            {
                queries++;
            }
        }

        if (queries > MaxQueries)
        {
            return FakeSalesforceResponse.Error(400, "LIMIT_EXCEEDED", $"A composite request can contain at most {MaxQueries} query operations.");
        }

        log.Add(subrequests.OfType<JsonObject>().Select(s => (JsonObject)s.DeepClone()).ToList());
        var allOrNone = request["allOrNone"]?.GetValue<bool>() == true;
        var before = store.Snapshot();
        var answers = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var results = new List<(string Ref, FakeSalesforceResponse Answer)>();
        var failed = false;
        foreach (var sub in subrequests.OfType<JsonObject>())
        {
            var referenceId = sub["referenceId"]!.ToString();
            if (allOrNone && failed)
            {
                results.Add((referenceId, Halted("The transaction was rolled back since another operation in the same transaction failed.")));
                continue;
            }

            FakeSalesforceResponse answer;
            try
            {
                var url = Substitute(sub["url"]!.ToString(), answers, encode: true);
                var payload = sub["body"] is { } b ? Encoding.UTF8.GetBytes(Substitute(b.ToJsonString(), answers, encode: false)) : [];
                var method = sub["method"]!.ToString();
                answer = subrequestFault(method, url + " " + Encoding.UTF8.GetString(payload))
                    ?? api.Handle(method, url, payload, payload.Length > 0 ? "application/json" : null);
            }
            catch (UnresolvedReferenceException ex)
            {
                answer = Halted($"Invalid reference specified. No value for {ex.Message} found in a previous subrequest. Provided referenceId is invalid or the subrequest it names failed.");
            }

            failed |= !answer.IsSuccess;
            answers[referenceId] = answer.Body;
            results.Add((referenceId, answer));
        }

        if (allOrNone && failed)
        {
            store.Restore(before);
            results = results.Select(r => r.Answer.IsSuccess ? (r.Ref, Halted("The transaction was rolled back since another operation in the same transaction failed.")) : r).ToList();
        }

        return new FakeSalesforceResponse(200, new JsonObject
        {
            ["compositeResponse"] = new JsonArray(results.Select(r => (JsonNode?)new JsonObject
            {
                ["body"] = r.Answer.Body?.DeepClone(),
                ["httpHeaders"] = r.Answer.Location is { } location ? new JsonObject { ["Location"] = location } : new JsonObject(),
                ["httpStatusCode"] = r.Answer.Status,
                ["referenceId"] = r.Ref,
            }).ToArray()),
        });
    }

    private static FakeSalesforceResponse Halted(string message) => FakeSalesforceResponse.Error(400, "PROCESSING_HALTED", message);

    /// <summary>Replaces <c>@{ref.path}</c> with the value at that path of an earlier successful answer.</summary>
    private static string Substitute(string text, Dictionary<string, JsonNode?> answers, bool encode) =>
        Reference().Replace(text, match =>
        {
            var path = match.Groups[1].Value;
            var parts = path.Split('.', 2);
            if (parts.Length < 2 || !answers.TryGetValue(parts[0], out var node) || node is null)
            {
                throw new UnresolvedReferenceException(path);
            }

            foreach (Match step in PathStep().Matches(parts[1]))
            {
                node = step.Groups["index"].Success
                    ? (node as JsonArray) is { } array && int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) < array.Count ? array[int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)] : null
                    : (node as JsonObject)?[step.Groups["name"].Value];
                if (node is null)
                {
                    throw new UnresolvedReferenceException(path);
                }
            }

            var value = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
            return encode ? Uri.EscapeDataString(value) : JsonEncodedText.Encode(value).ToString();
        });

    [GeneratedRegex(@"@\{([A-Za-z0-9_]+(?:\.[A-Za-z0-9_\[\]]+)+)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(?<name>[A-Za-z0-9_]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ReferenceIdShape();

    private sealed class UnresolvedReferenceException(string reference) : Exception(reference);
}
