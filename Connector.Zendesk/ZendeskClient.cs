using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Zendesk.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk;

/// <summary>
/// The typed client for the Support API: every call goes to the account under <c>api/v2</c>, reads the rate-limit
/// headers, and turns an error answer into <see cref="CrmRequestFailedException"/>.
/// </summary>
public sealed class ZendeskClient(HttpClient http, IOptions<ZendeskOptions> options, ZendeskMetrics metrics, TimeProvider clock)
{
    /// <summary>Set on a request whose streamed body can be rewound, so it may be sent twice.</summary>
    public static readonly HttpRequestOptionsKey<bool> SeekableBody = new("Connector.Zendesk.SeekableBody");

    /// <summary>Set on a write Zendesk applies once however often it arrives (Idempotency-Key, create_or_update by external_id).</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Connector.Zendesk.Idempotent");

    internal Task<T> GetAsync<T>(string path, string kind, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Get, path, null, kind, idempotencyKey: null, idempotent: true, ct);

    internal Task<T> PostAsync<T>(string path, JsonNode body, string kind, CancellationToken ct, string? idempotencyKey = null, bool idempotent = false) =>
        SendAsync<T>(HttpMethod.Post, path, Json(body), kind, idempotencyKey, idempotent || idempotencyKey is not null, ct);

    internal Task<T> PutAsync<T>(string path, JsonNode body, string kind, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Put, path, Json(body), kind, idempotencyKey: null, idempotent: false, ct);

    /// <summary>POST /api/v2/uploads with the file's bytes as the body; the answer's token goes into a comment's <c>uploads</c>.</summary>
    internal async Task<ZendeskUpload> UploadAsync(string fileName, string contentType, Stream data, CancellationToken ct)
    {
        var content = new StreamContent(data);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(string.IsNullOrWhiteSpace(contentType) ? "application/binary" : contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, ZendeskUris.Upload(fileName)) { Content = content };
        request.Options.Set(SeekableBody, data.CanSeek);
        var answer = await ReadAsync<ZendeskUploadAnswer>(request, "upload", ct).ConfigureAwait(false);
        return answer.Upload;
    }

    /// <summary>Reads a job's status until it is done (or <see cref="ZendeskOptions.JobTimeout"/> passes).</summary>
    internal async Task<ZendeskJobStatus> CompleteAsync(ZendeskJobStatus job, CancellationToken ct)
    {
        var settings = options.Value;
        var deadline = clock.GetUtcNow() + settings.JobTimeout;
        while (!job.IsDone)
        {
            if (clock.GetUtcNow() >= deadline)
            {
                throw new CrmRequestFailedException(ZendeskErrors.Crm, 0, "JobTimeout", $"job {job.Id} still {job.Status} after {settings.JobTimeout}", retryable: true);
            }

            await Task.Delay(settings.JobPollInterval, clock, ct).ConfigureAwait(false);
            job = (await GetAsync<ZendeskJobStatusAnswer>(ZendeskUris.JobStatus(job.Id), "job_status", ct).ConfigureAwait(false)).JobStatus;
        }

        if (job.Status != "completed")
        {
            throw new CrmRequestFailedException(ZendeskErrors.Crm, 0, "JobFailed", $"job {job.Id} {job.Status}: {job.Message}", retryable: true);
        }

        return job;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, string kind, string? idempotencyKey, bool idempotent, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        request.Options.Set(Idempotent, idempotent);
        return await ReadAsync<T>(request, kind, ct).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(HttpRequestMessage request, string kind, CancellationToken ct)
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
            throw new CrmRequestFailedException(ZendeskErrors.Crm, 0, null, $"{kind}: {ex.Message}", inner: ex);
        }

        using (response)
        {
            metrics.Observe(Header(response, "X-Rate-Limit"), Header(response, "X-Rate-Limit-Remaining"));
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ZendeskErrors.ToException((int)response.StatusCode, text, ZendeskErrors.RetryAfter(response), $"{kind} {request.Method}");
            }

            try
            {
                return JsonSerializer.Deserialize<T>(text.Length == 0 ? "{}" : text)
                    ?? throw new CrmRequestFailedException(ZendeskErrors.Crm, (int)response.StatusCode, null, $"{kind}: empty answer");
            }
            catch (JsonException ex)
            {
                throw new CrmRequestFailedException(ZendeskErrors.Crm, (int)response.StatusCode, null, $"{kind}: the answer is not the expected JSON ({ex.Message})", inner: ex);
            }
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static ByteArrayContent Json(JsonNode body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
        return content;
    }
}
