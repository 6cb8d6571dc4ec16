using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Salesforce.Mapping;
using Connector.Salesforce.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Salesforce;

/// <summary>
/// The typed client for the REST API: every call goes to the session's instance under the pinned version, reads
/// Sforce-Limit-Info, and turns an error array into <see cref="CrmRequestFailedException"/>.
/// </summary>
public sealed class SalesforceClient(HttpClient http, SalesforceTokenCache tokens, IOptions<SalesforceOptions> options, SalesforceMetrics metrics)
{
    /// <summary>Set on a request whose streamed body can be rewound, so the auth handler may send it twice.</summary>
    public static readonly HttpRequestOptionsKey<bool> SeekableBody = new("Connector.Salesforce.SeekableBody");

    public SalesforceUris Uris { get; } = new(options.Value.ApiVersion);

    /// <summary>SOQL; follows <c>nextRecordsUrl</c> until done.</summary>
    internal async Task<IReadOnlyList<JsonElement>> QueryAsync(string soql, CancellationToken ct)
    {
        var records = new List<JsonElement>();
        string? next = Uris.Query(soql);
        while (next is not null)
        {
            using var page = await SendForJsonAsync(HttpMethod.Get, next, null, "query", ct).ConfigureAwait(false);
            foreach (var record in page.RootElement.GetProperty("records").EnumerateArray())
            {
                records.Add(record.Clone());
            }

            next = page.RootElement.TryGetProperty("done", out var done) && !done.GetBoolean()
                && page.RootElement.TryGetProperty("nextRecordsUrl", out var url) ? url.GetString() : null;
        }

        return records;
    }

    /// <summary>SOSL; the answer is <c>{"searchRecords":[…]}</c> on current versions and a bare array on old ones.</summary>
    internal async Task<IReadOnlyList<JsonElement>> SearchAsync(string sosl, CancellationToken ct)
    {
        using var answer = await SendForJsonAsync(HttpMethod.Get, Uris.Search(sosl), null, "search", ct).ConfigureAwait(false);
        var root = answer.RootElement;
        var records = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("searchRecords");
        return records.EnumerateArray().Select(r => r.Clone()).ToList();
    }

    /// <summary>PATCH by external id: 201 created, 200 (v46+) or 204 updated, 300 when the key matches several records.</summary>
    internal async Task<CrmRecord> UpsertAsync(string type, string externalKey, JsonObject body, CancellationToken ct)
    {
        var field = options.Value.ExternalIdField;
        body.Remove(field); // the key travels in the URL
        using var answer = await SendForJsonAsync(HttpMethod.Patch, Uris.UpsertByExternalId(type, field, externalKey), Json(body), "upsert", ct).ConfigureAwait(false);
        if (answer.RootElement.ValueKind == JsonValueKind.Object && answer.RootElement.TryGetProperty("id", out var id))
        {
            return new CrmRecord(type, id.GetString()!);
        }

        // 204 from versions before v46 carries no id: read it back by the key.
        var found = await QueryAsync($"SELECT Id FROM {type} WHERE {field} = {SalesforceSoql.Quote(externalKey)} LIMIT 2", ct).ConfigureAwait(false);
        return new CrmRecord(type, found.Single().GetProperty("Id").GetString()!);
    }

    /// <summary>
    /// POST of a record whose external-id field is Unique: used where an upsert would try to update a record
    /// Salesforce does not let us update (ContentVersion data, a sent EmailMessage). DUPLICATE_VALUE means it was
    /// written before: that record is the answer.
    /// </summary>
    internal async Task<CrmRecord> CreateOnceAsync(string type, JsonObject body, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, Uris.SObject(type), Json(body), "create", ct).ConfigureAwait(false);
        return await CreatedOrDuplicateAsync(type, response, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A ContentVersion as multipart (up to 2 GB instead of 37.5 MB base64): a JSON part <c>entity_content</c> and
    /// the binary part <c>VersionData</c>.
    /// </summary>
    internal async Task<CrmRecord> CreateContentVersionMultipartAsync(JsonObject entity, Stream data, string fileName, string contentType, CancellationToken ct)
    {
        using var multipart = new MultipartFormDataContent();
        var json = new StringContent(entity.ToJsonString(), Encoding.UTF8, "application/json");
        multipart.Add(json, "entity_content");
        var file = new StreamContent(data);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType);
        multipart.Add(file, "VersionData", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, await AbsoluteAsync(Uris.SObject("ContentVersion"), ct).ConfigureAwait(false)) { Content = multipart };
        request.Options.Set(SeekableBody, data.CanSeek);
        using var response = await SendAsync(request, "file", ct).ConfigureAwait(false);
        return await CreatedOrDuplicateAsync("ContentVersion", response, ct).ConfigureAwait(false);
    }

    internal async Task UpdateAsync(string type, string id, JsonObject body, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Patch, Uris.Record(type, id), Json(body), "update", ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"update {type}", ct).ConfigureAwait(false);
    }

    /// <summary>POST /composite: one API call for up to 25 subrequests; each subresponse is checked by the caller.</summary>
    internal async Task<SalesforceCompositeResponse> CompositeAsync(SalesforceCompositeRequest composite, CancellationToken ct)
    {
        using var answer = await SendForJsonAsync(
            HttpMethod.Post, Uris.Composite, Json(JsonSerializer.SerializeToNode(composite)!), "composite", ct).ConfigureAwait(false);
        return answer.RootElement.Deserialize<SalesforceCompositeResponse>()
            ?? throw new CrmRequestFailedException(SalesforceErrors.Crm, 200, null, "composite: empty answer");
    }

    /// <summary>PATCH /composite/sobjects/{type}/{field}: upsert up to 200 records in one call, each with its own result.</summary>
    internal async Task<IReadOnlyList<SalesforceSaveResult>> UpsertCollectionAsync(string type, IReadOnlyList<JsonObject> records, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["allOrNone"] = false,
            ["records"] = new JsonArray(records.Select(r =>
            {
                var record = (JsonObject)r.DeepClone();
                record.Insert(0, "attributes", new JsonObject { ["type"] = type });
                return (JsonNode)record;
            }).ToArray()),
        };
        using var answer = await SendForJsonAsync(
            HttpMethod.Patch, Uris.CollectionUpsert(type, options.Value.ExternalIdField), Json(body), "collection", ct).ConfigureAwait(false);
        return answer.RootElement.Deserialize<List<SalesforceSaveResult>>() ?? [];
    }

    private static async Task<CrmRecord> CreatedOrDuplicateAsync(string type, HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            var saved = JsonSerializer.Deserialize<SalesforceSaveResult>(text);
            return new CrmRecord(type, saved?.Id ?? throw new CrmRequestFailedException(SalesforceErrors.Crm, (int)response.StatusCode, null, $"create {type}: no id in the answer"));
        }

        var errors = SalesforceErrors.Parse(text);
        return SalesforceErrors.DuplicateRecordId(errors) is { } existing
            ? new CrmRecord(type, existing)
            : throw SalesforceErrors.ToException((int)response.StatusCode, errors, $"create {type}");
    }

    private async Task<JsonDocument> SendForJsonAsync(HttpMethod method, string path, HttpContent? content, string kind, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, content, kind, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"{kind} {method}", ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return JsonDocument.Parse("{}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string kind, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, await AbsoluteAsync(path, ct).ConfigureAwait(false)) { Content = content };
        try
        {
            return await SendAsync(request, kind, ct).ConfigureAwait(false);
        }
        finally
        {
            request.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string kind, CancellationToken ct)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        metrics.RequestSent(kind);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CrmRequestFailedException(SalesforceErrors.Crm, 0, null, $"{kind}: {ex.Message}", inner: ex);
        }

        if (response.Headers.TryGetValues("Sforce-Limit-Info", out var limitInfo))
        {
            metrics.Observe(string.Join(',', limitInfo));
        }

        return response;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        throw SalesforceErrors.ToException((int)response.StatusCode, SalesforceErrors.Parse(body), operation);
    }

    private async Task<Uri> AbsoluteAsync(string path, CancellationToken ct)
    {
        var session = await tokens.GetAsync(ct).ConfigureAwait(false);
        return new Uri(session.InstanceUrl, path);
    }

    private static ByteArrayContent Json(JsonNode body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
        return content;
    }
}
