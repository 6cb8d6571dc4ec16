using System.Net.Http.Headers;

namespace Connector.Worker.Acs;

/// <summary>
/// Recording content lives on ACS's storage host (<c>contentLocation</c>, <c>deleteLocation</c>), but is signed as if
/// it were the resource's own endpoint: HMAC over <c>https://{resource}{path of the storage URL}</c>, plus
/// <c>x-ms-host: {resource}</c> (as the recording download of the Azure SDK for .NET does: Azure/azure-sdk-for-net,
/// sdk/communication/Azure.Communication.CallAutomation). So this client signs each request itself, and only for a
/// location on <see cref="AcsFileHosts"/>: an event naming any other host gets nothing sent to it. Redirects are not
/// followed (the client is built without them), so a signed request cannot be bounced elsewhere either.
/// </summary>
internal sealed class AcsCallRecordingClient(HttpClient http, AcsConnection connection, AcsFileHosts hosts, TimeProvider time)
{
    /// <summary>
    /// Streams one chunk into <paramref name="destination"/>, stopping at <paramref name="maxBytes"/>; returns the
    /// length the server announced, if any.
    /// </summary>
    /// <exception cref="AcsDownloadRefusedException">The location is not where ACS keeps files, or the chunk is over the limit.</exception>
    public async Task<long?> DownloadAsync(Uri contentLocation, Stream destination, long maxBytes, CancellationToken ct)
    {
        hosts.EnsureAllowed(contentLocation, "recording's content location");
        using var request = Signed(HttpMethod.Get, contentLocation);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await AcsResponses.EnsureSuccessAsync(response, "download recording", ct);
        await AcsFileCopy.CopyAsync(response, destination, maxBytes, "recording chunk", ct);
        return response.Content.Headers.ContentLength;
    }

    /// <summary>Deletes the recording at ACS; a 404 means it is already gone, which is what we wanted.</summary>
    public async Task DeleteAsync(Uri deleteLocation, CancellationToken ct)
    {
        hosts.EnsureAllowed(deleteLocation, "recording's delete location");
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
