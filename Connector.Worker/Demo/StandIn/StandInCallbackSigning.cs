using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connector.Worker.Demo.StandIn;

/// <summary>
/// The JWT ACS puts on each Call Automation callback: signed with a key published in an OpenID configuration, issued
/// for the resource's immutable id. The Worker checks it (<c>Voice:CallbackJwt</c>) exactly as it checks ACS's, only
/// pointed at this stand-in's configuration instead of ACS's.
/// </summary>
internal sealed class StandInCallbackSigning(string resourceId) : IDisposable
{
    public const string PathPrefix = "/calling/.well-known/";
    public const string ConfigurationPath = "calling/.well-known/acsopenidconfiguration";
    private const string KeysPath = "calling/.well-known/keys";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly JsonWebTokenHandler _handler = new();
    private readonly string _keyId = Guid.NewGuid().ToString("N");
    private Uri? _endpoint;

    public void Map(WebApplication app)
    {
        app.MapGet("/" + ConfigurationPath, (HttpContext context) => StandInErrors.WriteJsonAsync(context, 200, new JsonObject
        {
            ["issuer"] = Issuer(context),
            ["jwks_uri"] = Base(context) + KeysPath,
        }));
        app.MapGet("/" + KeysPath, (HttpContext context) =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = _keyId });
            return StandInErrors.WriteJsonAsync(context, 200, new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _keyId, ["n"] = jwk.N, ["e"] = jwk.E }),
            });
        });
    }

    /// <summary>The stand-in's own address (known once it listens), the base of the issuer.</summary>
    public void Listening(Uri endpoint) => _endpoint = endpoint;

    public string IssueToken() => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = _endpoint + "calling",
        Audience = resourceId,
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = _keyId }, SecurityAlgorithms.RsaSha256),
    });

    public void Dispose() => _rsa.Dispose();

    private static string Base(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/";

    private static string Issuer(HttpContext context) => Base(context) + "calling";
}
