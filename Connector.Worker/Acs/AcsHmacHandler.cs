using System.Net.Http.Headers;

namespace Connector.Worker.Acs;

/// <summary>
/// Signs every request with the resource's access key. It sits inside the resilience handler, so each attempt is
/// signed afresh with its own date.
/// </summary>
internal sealed class AcsHmacHandler(AcsConnection connection, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("An ACS request needs an absolute URI.");
        byte[] body = [];
        if (request.Content is not null)
        {
            // Buffered, so the bytes hashed here are the bytes sent, on this attempt and on any retry.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var signature = AcsHmacSigner.Sign(connection.Current.AccessKey, request.Method, uri, body, now);
        var headers = request.Headers;
        headers.Remove("x-ms-date");
        headers.Remove("x-ms-content-sha256");
        headers.TryAddWithoutValidation("x-ms-date", signature.Date);
        headers.TryAddWithoutValidation("x-ms-content-sha256", signature.ContentHash);
        headers.Date = now;
        headers.Authorization = AuthenticationHeaderValue.Parse(signature.Authorization);
        return await base.SendAsync(request, cancellationToken);
    }
}
