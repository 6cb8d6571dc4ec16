using System.Net;
using System.Net.Http.Headers;

namespace Connector.HubSpot;

/// <summary>
/// Adds the Bearer token. Tokens are refreshed ahead of expiry by the cache; a 401 all the same (the token was
/// revoked, or the app reinstalled) renews it once and sends the request again. A second 401 is returned as it is.
/// </summary>
public sealed class HubSpotAuthHandler(HubSpotTokenCache tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !tokens.CanRenew || !CanResend(request))
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(token);
        var renewed = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed.AccessToken);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Buffered bodies can be sent twice; a one-way stream cannot (the job retries it instead).</summary>
    private static bool CanResend(HttpRequestMessage request) =>
        request.Content is null or ByteArrayContent or MultipartContent;
}
