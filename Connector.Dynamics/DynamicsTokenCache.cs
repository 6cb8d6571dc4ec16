using System.Net.Http.Json;
using Connector.Core.Crm;
using Connector.Dynamics.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Dynamics;

/// <summary>
/// One Entra ID token for the whole process: fetched on first use, reused until five minutes before it expires (or
/// until Dataverse answers 401), and refreshed by one caller while the others wait.
/// </summary>
public sealed class DynamicsTokenCache(IHttpClientFactory httpClients, IOptions<DynamicsOptions> options, TimeProvider clock) : IDisposable
{
    internal const string HttpClientName = "Connector.Dynamics.Token";

    /// <summary>Refresh this long before expiry, so a token never runs out in the middle of a batch.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private DynamicsAccessToken? _current;

    public async Task<DynamicsAccessToken> GetAsync(CancellationToken ct)
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

    /// <summary>Forgets <paramref name="rejected"/> so the next caller asks again; a newer token is kept.</summary>
    public void Invalidate(DynamicsAccessToken rejected) => Interlocked.CompareExchange(ref _current, null, rejected);

    public void Dispose() => _refresh.Dispose();

    private DynamicsAccessToken? Usable(DynamicsAccessToken? token) => token is not null && clock.GetUtcNow() < token.RefreshAt ? token : null;

    private async Task<DynamicsAccessToken> RequestTokenAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var endpoint = new Uri(settings.AuthorityHost, $"{Uri.EscapeDataString(settings.TenantId)}/oauth2/v2.0/token");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.ClientId,
            ["scope"] = settings.TokenScope,
        };
        if (settings.UsesCertificate)
        {
            using var certificate = DynamicsClientAssertion.Load(settings);
            form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            form["client_assertion"] = DynamicsClientAssertion.Create(settings.ClientId, endpoint, certificate, clock.GetUtcNow());
        }
        else
        {
            form["client_secret"] = settings.ClientSecret!;
        }

        var http = httpClients.CreateClient(HttpClientName);
        using var content = new FormUrlEncodedContent(form);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(endpoint, content, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CrmRequestFailedException(DynamicsErrors.Crm, 0, null, $"token endpoint {endpoint.Host}: {ex.Message}", inner: ex);
        }

        using (response)
        {
            DynamicsTokenResponse? token = null;
            try
            {
                token = await response.Content.ReadFromJsonAsync<DynamicsTokenResponse>(ct).ConfigureAwait(false);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON (a proxy's error page): reported below with the status code.
            }

            if (!response.IsSuccessStatusCode || token?.AccessToken is not { Length: > 0 } accessToken)
            {
                // invalid_client / unauthorized_client are configuration faults: the same request cannot succeed later.
                throw new CrmRequestFailedException(
                    DynamicsErrors.Crm, (int)response.StatusCode, token?.Error ?? "invalid_token_response",
                    $"Entra ID refused the client credentials ({(settings.UsesCertificate ? "certificate" : "secret")}) for {settings.TokenScope}: {token?.ErrorDescription ?? "no access token in the answer"}",
                    retryable: (int)response.StatusCode >= 500);
            }

            var lifetime = TimeSpan.FromSeconds(token.ExpiresIn ?? 3599);
            var refreshAt = clock.GetUtcNow() + (lifetime > Skew * 2 ? lifetime - Skew : lifetime / 2);
            return new DynamicsAccessToken(accessToken, refreshAt);
        }
    }
}
