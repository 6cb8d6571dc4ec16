using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Connector.Worker.Voice;

/// <summary>
/// Checks the JWT that ACS puts on every Call Automation callback (Microsoft Learn, "How to secure webhook endpoint",
/// https://learn.microsoft.com/azure/communication-services/how-tos/call-automation/secure-webhook-endpoint): signed
/// by a key of ACS's OpenID configuration, from its issuer, unexpired, and for our resource id as audience. Keys are
/// cached and refreshed when a token names one we do not know (key rotation).
/// </summary>
internal sealed class CallbackJwtValidator
{
    private readonly VoiceCallbackJwtOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _configuration;
    private readonly JsonWebTokenHandler _handler = new();

    public CallbackJwtValidator(IOptions<VoiceOptions> options, IHttpClientFactory clients)
    {
        _options = options.Value.CallbackJwt;
        if (Enabled)
        {
            var url = new Uri(_options.OpenIdConfigurationUrl);
            _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(
                url.ToString(), new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(clients.CreateClient(nameof(CallbackJwtValidator))) { RequireHttps = url.Scheme == Uri.UriSchemeHttps });
        }
    }

    public bool Enabled => !string.IsNullOrWhiteSpace(_options.Audience);

    /// <returns>Null when the token is valid; otherwise why not (no token details, never the token itself).</returns>
    public async Task<string?> RefusalAsync(string? authorization, CancellationToken ct)
    {
        if (_configuration is null)
        {
            return null;
        }

        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "the callback carries no Authorization: Bearer token";
        }

        var token = authorization[scheme.Length..].Trim();
        var result = await ValidateAsync(token, ct);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            _configuration.RequestRefresh();
            result = await ValidateAsync(token, ct);
        }

        return result.IsValid ? null : $"the callback token is not valid ({result.Exception?.GetType().Name ?? "rejected"})";
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, CancellationToken ct)
    {
        var configuration = await _configuration!.GetConfigurationAsync(ct);
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        });
    }
}
