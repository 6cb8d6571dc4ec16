using System.Net;
using System.Net.Http.Headers;

namespace Connector.Salesforce;

/// <summary>
/// Adds the Bearer token; on 401 (INVALID_SESSION_ID: the session expired or was revoked) it re-authenticates once
/// and sends the request again. A second 401 is returned as it is: the credentials are wrong, not stale.
/// </summary>
public sealed class SalesforceAuthHandler(SalesforceTokenCache tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !CanResend(request))
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(session);
        var renewed = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed.AccessToken);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Buffered bodies can be sent twice; a one-way stream cannot (the job retries it instead).</summary>
    private static bool CanResend(HttpRequestMessage request) =>
        request.Content is null or ByteArrayContent
        || (request.Options.TryGetValue(SalesforceClient.SeekableBody, out var seekable) && seekable);
}
