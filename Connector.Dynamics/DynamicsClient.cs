using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Connector.Core.Crm;
using Connector.Dynamics.Batch;
using Microsoft.Extensions.Options;

namespace Connector.Dynamics;

/// <summary>
/// The typed client for the Dataverse Web API: the OData headers on every request (and on every request inside a
/// <c>$batch</c>), the optional <c>CallerObjectId</c>, single requests and batches, and the service-protection signals
/// counted. Failures become <see cref="CrmRequestFailedException"/>.
/// </summary>
public sealed class DynamicsClient(HttpClient http, IOptions<DynamicsOptions> options, DynamicsMetrics metrics)
{
    /// <summary>The most requests Dataverse takes in one <c>$batch</c>.</summary>
    public const int MaxRequestsPerBatch = 1000;

    private readonly Dictionary<string, string> _commonHeaders = CommonHeaders(options.Value);

    public DynamicsUris Uris { get; } = new(options.Value.OrganizationUrl!, options.Value.ApiVersion);

    /// <summary>The headers a request (alone or in a batch) carries for its mode; If-None-Match: null keeps caches out of reads.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> HeadersFor(DynamicsOperation operation, IReadOnlyDictionary<string, string> common)
    {
        foreach (var header in common)
        {
            yield return header;
        }

        switch (operation.Mode)
        {
            case DynamicsWriteMode.CreateOnly:
                yield return new("If-None-Match", "*");
                break;
            case DynamicsWriteMode.UpdateOnly:
                yield return new("If-Match", "*");
                break;
            case DynamicsWriteMode.Read:
                yield return new("If-None-Match", "null");
                break;
        }

        foreach (var header in operation.Headers ?? new Dictionary<string, string>())
        {
            yield return header;
        }
    }

    /// <summary>A GET whose JSON answer is returned; the query must already be encoded (a <c>+</c> as <c>%2B</c>).</summary>
    internal async Task<JsonDocument> GetJsonAsync(DynamicsOperation read, CancellationToken ct)
    {
        var result = await SendAsync(read, ct).ConfigureAwait(false);
        if (!result.Succeeded(read))
        {
            throw result.Failure(read);
        }

        return JsonDocument.Parse(result.Body);
    }

    /// <summary>One request; the caller decides what its answer means (a 412 on a create-only is a replay).</summary>
    internal async Task<DynamicsOperationResult> SendAsync(DynamicsOperation operation, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(operation.Method, Uris.Absolute(operation.Path));
        foreach (var (name, value) in HeadersFor(operation, _commonHeaders))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (operation.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(operation.Body.ToJsonString()));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        using var response = await SendAsync(request, operation.Kind, ct).ConfigureAwait(false);
        return await ResultAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// One <c>$batch</c> with <c>Prefer: odata.continue-on-error</c>: a failing change set is rolled back alone and the
    /// others go on. Returns per change set its answers; throws when the batch as a whole was refused (a limit, a token).
    /// </summary>
    internal async Task<IReadOnlyList<IReadOnlyList<DynamicsOperationResult>>> BatchAsync(IReadOnlyList<DynamicsChangeSet> sets, CancellationToken ct)
    {
        if (sets.Sum(s => s.Operations.Count) > MaxRequestsPerBatch)
        {
            throw new ArgumentException($"A $batch takes at most {MaxRequestsPerBatch} requests.", nameof(sets));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Uris.Batch)
        {
            Content = DynamicsBatchContent.Create(sets, Uris, _commonHeaders),
        };
        foreach (var (name, value) in _commonHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Prefer", "odata.continue-on-error");
        using var response = await SendAsync(request, "batch", ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw DynamicsErrors.ToException((int)response.StatusCode, DynamicsErrors.Parse(body), RetryAfter(response), "$batch");
        }

        IReadOnlyList<IReadOnlyList<DynamicsOperationResult>> answers;
        try
        {
            answers = DynamicsBatchResponse.Read(body, response.Content.Headers.ContentType);
        }
        catch (FormatException ex)
        {
            throw new CrmRequestFailedException(DynamicsErrors.Crm, (int)response.StatusCode, null, $"$batch: unreadable answer ({ex.Message})", retryable: true, inner: ex);
        }

        if (answers.Count != sets.Count)
        {
            throw new CrmRequestFailedException(DynamicsErrors.Crm, (int)response.StatusCode, null, $"$batch: {answers.Count} answers for {sets.Count} change sets", retryable: true);
        }

        foreach (var answer in answers.SelectMany(a => a).Where(a => a.Status == 429))
        {
            metrics.Throttled(answer.Error?.Code);
        }

        return answers;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string kind, CancellationToken ct)
    {
        metrics.RequestSent(kind);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CrmRequestFailedException(DynamicsErrors.Crm, 0, null, $"{kind}: {ex.Message}", inner: ex);
        }

        metrics.Observe(response);
        if ((int)response.StatusCode == 429)
        {
            metrics.Throttled(null);
        }

        return response;
    }

    private static async Task<DynamicsOperationResult> ResultAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return new DynamicsOperationResult((int)response.StatusCode, body, RetryAfter(response));
    }

    private static string? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } retry
            ? retry.Delta?.TotalSeconds.ToString(CultureInfo.InvariantCulture) ?? retry.Date?.ToString("R", CultureInfo.InvariantCulture)
            : null;

    private static Dictionary<string, string> CommonHeaders(DynamicsOptions options)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Accept"] = "application/json",
            ["OData-MaxVersion"] = "4.0",
            ["OData-Version"] = "4.0",
        };
        if (options.CallerObjectId is { } caller)
        {
            headers["CallerObjectId"] = caller.ToString("D");
        }

        return headers;
    }
}
