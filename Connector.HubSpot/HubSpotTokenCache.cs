using System.Net.Http.Json;
using Connector.Core.Crm;
using Connector.HubSpot.Wire;
using Microsoft.Extensions.Options;

namespace Connector.HubSpot;

/// <summary>
/// One token for the whole process. A private app's token is used as it is. An OAuth token is refreshed with the
/// refresh token ahead of its <c>expires_in</c> (HubSpot's guidance: do not wait for 401s), by one caller while the
/// others wait; a 401 all the same (a revoked token) invalidates it once.
/// </summary>
public sealed class HubSpotTokenCache(IHttpClientFactory httpClients, IOptions<HubSpotOptions> options, TimeProvider clock) : IDisposable
{
    internal const string HttpClientName = "Connector.HubSpot.Token";

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private HubSpotToken? _current;
    private string? _refreshToken;

    public async Task<HubSpotToken> GetAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.UsesPrivateAppToken)
        {
            return new HubSpotToken(settings.AccessToken!.Trim(), null);
        }

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

            var issued = await RefreshAsync(ct).ConfigureAwait(false);
            Volatile.Write(ref _current, issued);
            return issued;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> so the next caller refreshes; a newer token is kept.</summary>
    public void Invalidate(HubSpotToken rejected) => Interlocked.CompareExchange(ref _current, null, rejected);

    /// <summary>Whether a 401 can be cured by a new token (not for a private app's static token).</summary>
    public bool CanRenew => !options.Value.UsesPrivateAppToken;

    public void Dispose() => _refresh.Dispose();

    private HubSpotToken? Usable(HubSpotToken? token) =>
        token?.ExpiresAt is { } expiresAt && clock.GetUtcNow() < expiresAt - options.Value.RefreshAhead ? token : null;

    private async Task<HubSpotToken> RefreshAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = settings.ClientId!,
            ["client_secret"] = settings.ClientSecret!,
            ["refresh_token"] = _refreshToken ?? settings.RefreshToken!,
        };
        var http = httpClients.CreateClient(HttpClientName);
        using var content = new FormUrlEncodedContent(form);
        var requestedAt = clock.GetUtcNow();
        using var response = await http.PostAsync(settings.EffectiveTokenUrl, content, ct).ConfigureAwait(false);
        HubSpotTokenResponse? token = null;
        try
        {
            token = await response.Content.ReadFromJsonAsync<HubSpotTokenResponse>(ct).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (a proxy's error page): reported below with the status code.
        }

        if (!response.IsSuccessStatusCode || token?.AccessToken is not { Length: > 0 } accessToken || token.ExpiresIn is not > 0)
        {
            // BAD_REFRESH_TOKEN / BAD_CLIENT_ID are configuration faults: the same refresh cannot succeed later.
            throw new CrmRequestFailedException(
                HubSpotErrors.Crm, (int)response.StatusCode, token?.Status ?? "invalid_token_response",
                $"the token endpoint refused the refresh token grant: {token?.Message ?? "no access_token or expires_in in the answer"}",
                retryable: (int)response.StatusCode >= 500);
        }

        if (token.RefreshToken is { Length: > 0 } rotated)
        {
            _refreshToken = rotated;
        }

        return new HubSpotToken(accessToken, requestedAt + TimeSpan.FromSeconds(token.ExpiresIn.Value));
    }
}
