using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Connector.Core.Crm;
using Connector.HubSpot.Wire;
using Microsoft.Extensions.Options;

namespace Connector.HubSpot;

/// <summary>
/// The typed client over HubSpot's REST APIs (CRM v3 objects and search, v4 associations, Files v3). Every answer
/// that is not a success becomes <see cref="CrmRequestFailedException"/> from HubSpot's own error body.
/// </summary>
public sealed class HubSpotClient(HttpClient http, IOptions<HubSpotOptions> options, HubSpotPacer pacer, HubSpotMetrics metrics)
{
    /// <summary>HubSpot's cap on the inputs of one batch request.</summary>
    public const int BatchLimit = 100;

    private readonly HubSpotOptions _options = options.Value;

    internal async Task<HubSpotSearchResponse> SearchAsync(string type, HubSpotSearchRequest search, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, HubSpotUris.Search(type), Json(search), "search", ct).ConfigureAwait(false);
        return await ReadAsync<HubSpotSearchResponse>(response, $"search {type}", ct).ConfigureAwait(false);
    }

    /// <summary><c>batch/upsert</c> on a unique property: 200, or 207 with the inputs that failed in <c>errors</c>.</summary>
    internal async Task<HubSpotBatchResponse> BatchUpsertAsync(string type, IReadOnlyList<HubSpotUpsertInput> inputs, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, HubSpotUris.Batch(type, "upsert"), Json(new { inputs }), "batch-upsert", ct).ConfigureAwait(false);
        return await ReadAsync<HubSpotBatchResponse>(response, $"batch upsert {type}", ct).ConfigureAwait(false);
    }

    /// <summary><c>batch/read</c> by a unique property: reads the records themselves, not the lagging search index.</summary>
    internal async Task<HubSpotBatchResponse> BatchReadAsync(string type, string idProperty, IEnumerable<string> ids, IEnumerable<string> properties, CancellationToken ct)
    {
        var body = new { idProperty, properties, inputs = ids.Select(id => new { id }) };
        using var response = await SendAsync(HttpMethod.Post, HubSpotUris.Batch(type, "read"), Json(body), "batch-read", ct).ConfigureAwait(false);
        return await ReadAsync<HubSpotBatchResponse>(response, $"batch read {type}", ct).ConfigureAwait(false);
    }

    internal async Task<HubSpotObject> GetAsync(string type, string id, IEnumerable<string> properties, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, HubSpotUris.Object(type, id, properties), null, "read", ct).ConfigureAwait(false);
        return await ReadAsync<HubSpotObject>(response, $"read {type} {id}", ct).ConfigureAwait(false);
    }

    internal async Task UpdateAsync(string type, string id, Dictionary<string, string?> properties, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Patch, HubSpotUris.ObjectPatch(type, id), Json(new { properties }), "update", ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"update {type} {id}", ct).ConfigureAwait(false);
    }

    /// <summary>v4 <c>batch/create</c> of associations with their type ids; an association that exists already is no error.</summary>
    internal async Task AssociateAsync(string fromType, string toType, IReadOnlyList<HubSpotAssociationInput> inputs, CancellationToken ct)
    {
        foreach (var chunk in inputs.Chunk(BatchLimit))
        {
            using var response = await SendAsync(HttpMethod.Post, HubSpotUris.Associations(fromType, toType), Json(new { inputs = chunk }), "associate", ct).ConfigureAwait(false);
            var answer = await ReadAsync<HubSpotBatchResponse>(response, $"associate {fromType} to {toType}", ct).ConfigureAwait(false);
            if (answer.Errors is { Count: > 0 } errors)
            {
                throw HubSpotErrors.ToException(207, errors[0], $"associate {fromType} to {toType}", pacer.ApiWindow.Interval);
            }
        }
    }

    /// <summary>
    /// Uploads a file, private, into <see cref="HubSpotOptions.FilesFolderPath"/>. The same name and bytes in that
    /// folder return the file uploaded before (<c>RETURN_EXISTING</c>), so a replayed upload is no second file.
    /// </summary>
    internal async Task<HubSpotFile> UploadFileAsync(byte[] content, string fileName, string contentType, CancellationToken ct)
    {
        using var multipart = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType);
        multipart.Add(file, "file", fileName);
        multipart.Add(new StringContent(fileName), "fileName");
        multipart.Add(new StringContent(_options.FilesFolderPath), "folderPath");
        multipart.Add(new StringContent(
            """{"access":"PRIVATE","overwrite":false,"duplicateValidationStrategy":"RETURN_EXISTING","duplicateValidationScope":"EXACT_FOLDER"}"""), "options");
        using var response = await SendAsync(HttpMethod.Post, HubSpotUris.Files, multipart, "file", ct).ConfigureAwait(false);
        return await ReadAsync<HubSpotFile>(response, $"upload {fileName}", ct).ConfigureAwait(false);
    }

    internal async Task<HubSpotSignedUrl> SignedUrlAsync(string fileId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, HubSpotUris.SignedUrl(fileId, _options.RecordingLinkLifetime), null, "signed-url", ct).ConfigureAwait(false);
        return await ReadAsync<HubSpotSignedUrl>(response, $"signed url of file {fileId}", ct).ConfigureAwait(false);
    }

    internal async Task<IReadOnlyList<HubSpotCallDisposition>> CallDispositionsAsync(CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, HubSpotUris.CallDispositions, null, "dispositions", ct).ConfigureAwait(false);
        return await ReadAsync<List<HubSpotCallDisposition>>(response, "call dispositions", ct).ConfigureAwait(false);
    }

    /// <summary>The exception for one failed input of a batch (an entry of its <c>errors</c>).</summary>
    internal CrmRequestFailedException Failure(HubSpotErrorBody? error, string operation) =>
        HubSpotErrors.ToException(error?.Category == "RATE_LIMITS" ? 429 : 400, error, operation, pacer.ApiWindow.Interval) is var failure
        && error?.Category is "INTERNAL_ERROR" or "LOCKED" or "TIMEOUT"
            ? new CrmRequestFailedException(HubSpotErrors.Crm, 500, error.Category, failure.Message, retryable: true)
            : failure;

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, CancellationToken ct)
    {
        await EnsureSuccessAsync(response, operation, ct).ConfigureAwait(false);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync<T>(stream, cancellationToken: ct).ConfigureAwait(false)
                ?? throw new CrmRequestFailedException(HubSpotErrors.Crm, (int)response.StatusCode, null, $"{operation}: empty answer");
        }
        catch (JsonException ex)
        {
            throw new CrmRequestFailedException(HubSpotErrors.Crm, (int)response.StatusCode, null, $"{operation}: the answer is not the JSON expected ({ex.Message})", inner: ex);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        throw HubSpotErrors.ToException((int)response.StatusCode, HubSpotErrors.Parse(body), operation, pacer.ApiWindow.Interval);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string kind, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_options.BaseUrl, path)) { Content = content };
        metrics.RequestSent(kind);
        try
        {
            return await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CrmRequestFailedException(HubSpotErrors.Crm, 0, null, $"{kind}: {ex.Message}", inner: ex);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            throw new CrmRequestFailedException(HubSpotErrors.Crm, (int)HttpStatusCode.ServiceUnavailable, null, $"{kind}: {ex.Message}", inner: ex);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw new CrmRequestFailedException(HubSpotErrors.Crm, (int)HttpStatusCode.RequestTimeout, null, $"{kind}: {ex.Message}", inner: ex);
        }
    }

    private static ByteArrayContent Json<T>(T body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
