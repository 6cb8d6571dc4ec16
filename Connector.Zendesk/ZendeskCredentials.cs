using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Zendesk.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk;

/// <summary>
/// The Authorization header for every API call. An API token is a fixed basic credential; an OAuth refresh token is
/// exchanged for an access token once, reused until Zendesk answers 401 or it expires, and renewed by one caller
/// while the others wait. A new refresh token in the answer replaces the configured one for this process.
/// </summary>
public sealed class ZendeskCredentials(IHttpClientFactory httpClients, IOptions<ZendeskOptions> options, TimeProvider clock) : IDisposable
{
    internal const string HttpClientName = "Connector.Zendesk.Token";

    /// <summary>Renew a little before Zendesk's expiry so a request does not leave with a token about to lapse.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ZendeskAccessToken? _current;
    private string? _refreshToken;

    /// <summary>Whether a 401 is worth one renewal (only tokens this process obtains can be renewed).</summary>
    public bool Renewable => options.Value.AuthMode == ZendeskAuthMode.OAuthRefresh;

    public async Task<AuthenticationHeaderValue> GetAsync(CancellationToken ct)
    {
        var settings = options.Value;
        switch (settings.AuthMode)
        {
            case ZendeskAuthMode.ApiToken:
                return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Email}/token:{settings.ApiToken}")));
            case ZendeskAuthMode.OAuthBearer:
                return new AuthenticationHeaderValue("Bearer", settings.OAuthAccessToken);
            case ZendeskAuthMode.OAuthRefresh:
                return new AuthenticationHeaderValue("Bearer", (await TokenAsync(ct).ConfigureAwait(false)).Value);
            default:
                throw new InvalidOperationException("Crm:Zendesk has no credentials (the options validator refuses this at start).");
        }
    }

    /// <summary>Forgets the token a request was refused with, so the next caller renews it; a newer token is kept.</summary>
    public void Invalidate(AuthenticationHeaderValue rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Value == rejected.Parameter)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private async Task<ZendeskAccessToken> TokenAsync(CancellationToken ct)
    {
        if (Usable(Volatile.Read(ref _current)) is { } token)
        {
            return token;
        }

        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Usable(_current) is { } fresh)
            {
                return fresh;
            }

            var issued = await RequestTokenAsync(ct).ConfigureAwait(false);
            Volatile.Write(ref _current, issued);
            return issued;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private ZendeskAccessToken? Usable(ZendeskAccessToken? token) =>
        token is not null && (token.ExpiresAt is null || clock.GetUtcNow() < token.ExpiresAt - ExpiryMargin) ? token : null;

    private async Task<ZendeskAccessToken> RequestTokenAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var body = new JsonObject
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = _refreshToken ?? settings.OAuthRefreshToken,
            ["client_id"] = settings.OAuthClientId,
            ["client_secret"] = settings.OAuthClientSecret,
        };
        var http = httpClients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(settings.TokenUrl, body, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CrmRequestFailedException(ZendeskErrors.Crm, 0, null, $"token: {ex.Message}", inner: ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ZendeskErrors.ToException((int)response.StatusCode, text, ZendeskErrors.RetryAfter(response), "token");
            }

            var answer = System.Text.Json.JsonSerializer.Deserialize<ZendeskTokenResponse>(text)
                ?? throw new CrmRequestFailedException(ZendeskErrors.Crm, (int)response.StatusCode, null, "token: empty answer");
            if (!string.IsNullOrEmpty(answer.RefreshToken))
            {
                _refreshToken = answer.RefreshToken;
            }

            return new ZendeskAccessToken(
                answer.AccessToken ?? throw new CrmRequestFailedException(ZendeskErrors.Crm, (int)response.StatusCode, null, "token: no access_token in the answer"),
                answer.ExpiresIn is > 0 ? clock.GetUtcNow().AddSeconds(answer.ExpiresIn.Value) : null);
        }
    }

    private sealed record ZendeskAccessToken(string Value, DateTimeOffset? ExpiresAt);
}
