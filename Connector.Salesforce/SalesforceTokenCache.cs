using System.Net.Http.Json;
using System.Security.Cryptography;
using Connector.Core.Crm;
using Connector.Salesforce.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Salesforce;

/// <summary>
/// One session for the whole process: fetched on first use, reused until Salesforce says it is invalid (or
/// <see cref="SalesforceOptions.TokenMaxAge"/> passes), and refreshed by one caller while the others wait.
/// </summary>
public sealed class SalesforceTokenCache(IHttpClientFactory httpClients, IOptions<SalesforceOptions> options, TimeProvider clock) : IDisposable
{
    internal const string HttpClientName = "Connector.Salesforce.Token";

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private SalesforceSession? _current;

    public async Task<SalesforceSession> GetAsync(CancellationToken ct)
    {
        if (Usable(Volatile.Read(ref _current)) is { } session)
        {
            return session;
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

    /// <summary>Forgets <paramref name="rejected"/> so the next caller re-authenticates; a newer session is kept.</summary>
    public void Invalidate(SalesforceSession rejected) => Interlocked.CompareExchange(ref _current, null, rejected);

    public void Dispose() => _refresh.Dispose();

    private SalesforceSession? Usable(SalesforceSession? session) =>
        session is not null && clock.GetUtcNow() - session.IssuedAt < options.Value.TokenMaxAge ? session : null;

    private async Task<SalesforceSession> RequestTokenAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var form = new Dictionary<string, string>();
        if (settings.UsesJwtBearer)
        {
            using var key = RSA.Create();
            key.ImportFromPem(await File.ReadAllTextAsync(settings.PrivateKeyPath!, ct).ConfigureAwait(false));
            form["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer";
            form["assertion"] = SalesforceJwtAssertion.Create(settings.ClientId, settings.Username!, settings.JwtAudience, key, clock.GetUtcNow());
        }
        else
        {
            form["grant_type"] = "client_credentials";
            form["client_id"] = settings.ClientId;
            form["client_secret"] = settings.ClientSecret!;
        }

        var http = httpClients.CreateClient(HttpClientName);
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri(settings.LoginUrl, SalesforceUris.Token), content, ct).ConfigureAwait(false);
        SalesforceTokenResponse? token = null;
        try
        {
            token = await response.Content.ReadFromJsonAsync<SalesforceTokenResponse>(ct).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (a proxy's error page): reported below with the status code.
        }

        if (!response.IsSuccessStatusCode || token?.AccessToken is not { Length: > 0 } accessToken
            || !Uri.TryCreate(token.InstanceUrl, UriKind.Absolute, out var instance))
        {
            // invalid_grant / invalid_client are configuration faults: retrying the same assertion cannot help.
            throw new CrmRequestFailedException(
                "salesforce", (int)response.StatusCode, token?.Error ?? "invalid_token_response",
                $"the token endpoint refused the {(settings.UsesJwtBearer ? "JWT bearer" : "client credentials")} grant: {token?.ErrorDescription ?? "no access token or instance_url in the answer"}",
                retryable: (int)response.StatusCode >= 500);
        }

        return new SalesforceSession(accessToken, instance, clock.GetUtcNow());
    }
}
