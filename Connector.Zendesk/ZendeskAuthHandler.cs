using System.Net;

namespace Connector.Zendesk;

/// <summary>
/// Adds the credentials; on 401 with an OAuth token this process obtained (expired or revoked) it renews the token
/// once and sends the request again. A second 401, or a 401 to an API token, is returned as it is: the credentials
/// are wrong, not stale.
/// </summary>
public sealed class ZendeskAuthHandler(ZendeskCredentials credentials) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = header;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !credentials.Renewable || !CanResend(request))
        {
            return response;
        }

        response.Dispose();
        credentials.Invalidate(header);
        request.Headers.Authorization = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Buffered bodies can be sent twice; a one-way stream cannot (the job retries it instead).</summary>
    private static bool CanResend(HttpRequestMessage request) =>
        request.Content is null or ByteArrayContent
        || (request.Options.TryGetValue(ZendeskClient.SeekableBody, out var seekable) && seekable);
}
