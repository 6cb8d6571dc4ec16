using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// What Call Automation keeps on other hosts: its OpenID configuration and keys (callbacks carry a JWT signed with
/// them, audience = the resource id; Microsoft Learn, "How to secure webhook endpoint",
/// https://learn.microsoft.com/azure/communication-services/how-tos/call-automation/secure-webhook-endpoint), and the
/// recording storage (<c>/v1/objects/{id}/content/…</c>), which accepts only requests HMAC-signed as if to the
/// resource's endpoint, with <c>x-ms-host</c> (as the recording download of the Azure SDK for .NET signs them:
/// Azure/azure-sdk-for-net, sdk/communication/Azure.Communication.CallAutomation).
/// </summary>
public sealed class FakeAcsCallServices : IAsyncDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, byte[]> _recordings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _downloads = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _deleted = [];
    private readonly FakeAcsServer _acs;
    private WebApplication? _app;

    private FakeAcsCallServices(FakeAcsServer acs) => _acs = acs;

    public Uri BaseAddress { get; private set; } = null!;

    public static string Issuer => "https://acscallautomation.communication.azure.com";

    public Uri OpenIdConfigurationUrl => new(BaseAddress, "calling/.well-known/acsopenidconfiguration");

    public string KeyId { get; } = Guid.NewGuid().ToString("N");

    public IReadOnlyCollection<string> Deleted => _deleted.ToList();

    public static async Task<FakeAcsCallServices> StartAsync(FakeAcsServer acs, CancellationToken ct)
    {
        var services = new FakeAcsCallServices(acs);
        await services.StartCoreAsync(ct);
        return services;
    }

    /// <summary>A callback token as ACS issues it: RS256, 5 minutes, audience = the resource id.</summary>
    public string IssueToken(string? audience = null, DateTimeOffset? expires = null, RSA? signWith = null)
    {
        var key = new RsaSecurityKey(signWith ?? _rsa) { KeyId = KeyId };
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience ?? _acs.ResourceId,
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = (expires ?? DateTimeOffset.UtcNow.AddMinutes(5)).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Keeps a recording chunk; returns its content and delete locations.</summary>
    public (Uri Content, Uri Delete) AddRecording(string documentId, byte[] content)
    {
        _recordings[documentId] = content;
        return (new Uri(BaseAddress, $"v1/objects/{documentId}/content/audio"), new Uri(BaseAddress, $"v1/objects/{documentId}/content/deletedata"));
    }

    /// <summary>Recording chunk → how many times it was downloaded.</summary>
    public IReadOnlyDictionary<string, int> Downloads => new Dictionary<string, int>(_downloads);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _rsa.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/calling/.well-known/acsopenidconfiguration", () => Results.Json(new JsonObject
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = new Uri(BaseAddress, "calling/.well-known/acskeys").ToString(),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        _app.MapGet("/calling/.well-known/acskeys", () =>
        {
            var p = _rsa.ExportParameters(false);
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                }),
            });
        });
        _app.MapGet("/v1/objects/{id}/content/audio", (RequestDelegate)DownloadAsync);
        _app.MapDelete("/v1/objects/{id}/content/deletedata", (RequestDelegate)DeleteAsync);
        await _app.StartAsync(ct);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address + "/");
    }

    private async Task DownloadAsync(HttpContext context)
    {
        if (await DeniedAsync(context))
        {
            return;
        }

        var id = (string)context.Request.RouteValues["id"]!;
        if (!_recordings.TryGetValue(id, out var content))
        {
            await FakeAcsErrors.NotFoundAsync(context, $"No recording {id}.");
            return;
        }

        _downloads.AddOrUpdate(id, 1, (_, n) => n + 1);
        context.Response.ContentType = "audio/mpeg";
        context.Response.ContentLength = content.Length;
        await context.Response.Body.WriteAsync(content, context.RequestAborted);
    }

    private async Task DeleteAsync(HttpContext context)
    {
        if (await DeniedAsync(context))
        {
            return;
        }

        var id = (string)context.Request.RouteValues["id"]!;
        if (!_recordings.TryRemove(id, out _))
        {
            await FakeAcsErrors.NotFoundAsync(context, $"No recording {id}.");
            return;
        }

        _deleted.Add(id);
        context.Response.StatusCode = 200;
    }

    /// <summary>Signed for the resource's host (x-ms-host), over this request's path: anything else is refused.</summary>
    private async Task<bool> DeniedAsync(HttpContext context)
    {
        var host = context.Request.Headers["x-ms-host"].ToString();
        if (host != _acs.Endpoint.Authority)
        {
            await FakeAcsErrors.DeniedAsync(context, $"x-ms-host must name the ACS resource ({_acs.Endpoint.Authority}); got '{host}'.");
            return true;
        }

        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (FakeAcsHmacVerifier.Check(context.Request.Method, rawTarget, host, context.Request.Headers, [], Convert.FromBase64String(_acs.AccessKey), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15)) is { } why)
        {
            await FakeAcsErrors.DeniedAsync(context, why);
            return true;
        }

        return false;
    }
}
