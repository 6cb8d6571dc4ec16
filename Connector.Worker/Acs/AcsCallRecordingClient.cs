using System.Net.Http.Headers;

namespace Connector.Worker.Acs;

/// <summary>
/// Recording content lives on ACS's storage host (<c>contentLocation</c>, <c>deleteLocation</c>), but is signed as if
/// it were the resource's own endpoint: HMAC over <c>https://{resource}{path of the storage URL}</c>, plus
/// <c>x-ms-host: {resource}</c> (as the recording download of the Azure SDK for .NET does: Azure/azure-sdk-for-net,
/// sdk/communication/Azure.Communication.CallAutomation). So this client signs each request itself.
/// </summary>
internal sealed class AcsCallRecordingClient(HttpClient http, AcsConnection connection, TimeProvider time)
{
    /// <summary>Streams one chunk into <paramref name="destination"/>; returns the length the server announced, if any.</summary>
    public async Task<long?> DownloadAsync(Uri contentLocation, Stream destination, CancellationToken ct)
    {
        using var request = Signed(HttpMethod.Get, contentLocation);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await AcsResponses.EnsureSuccessAsync(response, "download recording", ct);
        await using var source = await response.Content.ReadAsStreamAsync(ct);
        await source.CopyToAsync(destination, ct);
        return response.Content.Headers.ContentLength;
    }

    /// <summary>Deletes the recording at ACS; a 404 means it is already gone, which is what we wanted.</summary>
    public async Task DeleteAsync(Uri deleteLocation, CancellationToken ct)
    {
        using var request = Signed(HttpMethod.Delete, deleteLocation);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            await AcsResponses.EnsureSuccessAsync(response, "delete recording", ct);
        }
    }

    private HttpRequestMessage Signed(HttpMethod method, Uri location)
    {
        var resource = connection.Current;
        var signAs = new Uri(resource.Endpoint, location.PathAndQuery);
        var now = time.GetUtcNow();
        var signature = AcsHmacSigner.Sign(resource.AccessKey, method, signAs, [], now);
        var request = new HttpRequestMessage(method, location);
        request.Headers.TryAddWithoutValidation("x-ms-date", signature.Date);
        request.Headers.TryAddWithoutValidation("x-ms-content-sha256", signature.ContentHash);
        request.Headers.TryAddWithoutValidation("x-ms-host", resource.Endpoint.Authority);
        request.Headers.Date = now;
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(signature.Authorization);
        return request;
    }
}
