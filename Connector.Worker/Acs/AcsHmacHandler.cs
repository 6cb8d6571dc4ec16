using System.Net.Http.Headers;

namespace Connector.Worker.Acs;

/// <summary>
/// Signs every request with the resource's access key. It sits inside the resilience handler, so each attempt is
/// signed afresh with its own date. Only requests to the resource's own endpoint are signed: a request anywhere else
/// (a URL taken from an event, a redirect) would hand that host a signature made with the key, so it is refused.
/// </summary>
internal sealed class AcsHmacHandler(AcsConnection connection, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("An ACS request needs an absolute URI.");
        var endpoint = connection.Current.Endpoint;
        if (!string.Equals(uri.Authority, endpoint.Authority, StringComparison.OrdinalIgnoreCase) || uri.Scheme != endpoint.Scheme)
        {
            throw new InvalidOperationException($"Refused to sign a request to {uri.Scheme}://{uri.Authority}: only the resource's endpoint ({endpoint.Authority}) is signed with its key.");
        }

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
