using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Tests.NodeJs;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.People;

/// <summary>
/// A real OpenID provider, the npm package <c>oidc-provider</c> (OpenID Certified), run by
/// <c>tests/infra/oidc/provider.mjs</c> on a free loopback port and reached as <c>localhost</c>: another site than
/// the Worker's <c>127.0.0.1</c>, as a company's IdP is. It knows the Worker as a confidential client (code flow,
/// PKCE required) and an API client as a public one; its access tokens for <see cref="Resource"/> are JWTs.
/// </summary>
internal sealed partial class TestOidcProvider : IAsyncDisposable
{
    public const string WorkerClientId = "connector-worker";
    public const string ApiClientId = "connector-api-client";
    public const string Resource = "urn:connector:api";
    private const string ApiRedirectUri = "http://127.0.0.1/callback";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private TestOidcProvider(Process process, Uri issuer, string workerClientSecret)
    {
        _process = process;
        Issuer = issuer;
        WorkerClientSecret = workerClientSecret;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Issuer { get; }
    public string WorkerClientSecret { get; }
    public string Output => string.Join('\n', _output);

    public sealed record User(string Sub, string Email, string Name, string Password, params string[] Groups);

    /// <summary>Starts the provider for a Worker that will listen on <paramref name="worker"/>, with these people.</summary>
    public static async Task<TestOidcProvider> StartAsync(Uri worker, IReadOnlyList<User> users, CancellationToken ct)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "infra", "oidc");
        Assert.SkipUnless(Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")),
            "tests/infra/oidc has no node_modules: run npm ci --prefix tests/infra/oidc (./build.sh test does).");
        var port = WorkerProcess.FreePort();
        var issuer = new Uri($"http://localhost:{port}");
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var clients = new object[]
        {
            new
            {
                client_id = WorkerClientId,
                client_secret = secret,
                redirect_uris = new[] { new Uri(worker, "/signin-oidc").ToString() },
                post_logout_redirect_uris = new[] { new Uri(worker, "/signout-callback-oidc").ToString() },
                token_endpoint_auth_method = "client_secret_post",
                grant_types = new[] { "authorization_code" },
                response_types = new[] { "code" },
            },
            new
            {
                client_id = ApiClientId,
                application_type = "native",
                redirect_uris = new[] { ApiRedirectUri },
                token_endpoint_auth_method = "none",
                grant_types = new[] { "authorization_code" },
                response_types = new[] { "code" },
            },
        };
        var start = new ProcessStartInfo(NodeRunner.RequireNode())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("provider.mjs");
        start.Environment["OIDC_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OIDC_ISSUER"] = issuer.ToString().TrimEnd('/');
        start.Environment["OIDC_CLIENTS"] = JsonSerializer.Serialize(clients);
        start.Environment["OIDC_USERS"] = JsonSerializer.Serialize(users.Select(u => new { sub = u.Sub, email = u.Email, name = u.Name, password = u.Password, groups = u.Groups }));
        start.Environment["OIDC_RESOURCE"] = Resource;
        var provider = new TestOidcProvider(Process.Start(start) ?? throw new InvalidOperationException("node did not start"), issuer, secret);
        await Eventually.TrueAsync(() => Task.FromResult(provider._process.HasExited || provider.Output.Contains("listening on", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), () => provider.Output);
        Assert.False(provider._process.HasExited, $"oidc-provider exited:\n{provider.Output}");
        return provider;
    }

    /// <summary>
    /// The Worker's <c>Auth</c> settings for this provider: its groups <c>agents</c>, <c>supervisors</c> and
    /// <c>admins</c> map to our roles through the <c>groups</c> claim.
    /// </summary>
    public Dictionary<string, string?> WorkerSettings() => new()
    {
        ["Auth__Oidc__Authority"] = Issuer.ToString().TrimEnd('/'),
        ["Auth__Oidc__ClientId"] = WorkerClientId,
        ["Auth__Oidc__ClientSecret"] = WorkerClientSecret,
        ["Auth__Oidc__RequireHttpsMetadata"] = "false",
        ["Auth__Oidc__RoleClaim"] = "groups",
        ["Auth__Oidc__Roles__Agent__0"] = "agents",
        ["Auth__Oidc__Roles__Supervisor__0"] = "supervisors",
        ["Auth__Oidc__Roles__Admin__0"] = "admins",
        ["Auth__Jwt__Audience"] = Resource,
    };

    /// <summary>
    /// An access token for the API, as an API client gets one: the authorization-code flow with PKCE, the person
    /// typing their password on the provider's page, the code exchanged at the token endpoint. A JWT for <see cref="Resource"/>.
    /// </summary>
    public async Task<string> AccessTokenAsync(User user, CancellationToken ct)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = Issuer, Timeout = TimeSpan.FromSeconds(30) };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"/auth?client_id={ApiClientId}&response_type=code&scope={Uri.EscapeDataString("openid profile email connector")}"
            + $"&redirect_uri={Uri.EscapeDataString(ApiRedirectUri)}&code_challenge={challenge}&code_challenge_method=S256&state=s1&resource={Uri.EscapeDataString(Resource)}";
        var response = await FollowAsync(http, await http.GetAsync(authorize, ct), ct);
        var page = await response.Content.ReadAsStringAsync(ct);
        var action = FormAction().Match(page);
        Assert.True(action.Success, $"No login form from the provider:\n{page}\n{Output}");
        response = await http.PostAsync(action.Groups[1].Value, new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = user.Email, ["password"] = user.Password }), ct);
        response = await FollowAsync(http, response, ct);
        var callback = response.Headers.Location;
        Assert.True(callback is not null && callback.ToString().StartsWith(ApiRedirectUri, StringComparison.Ordinal), $"The provider did not return a code: {(int)response.StatusCode} {callback}\n{Output}");
        var code = System.Web.HttpUtility.ParseQueryString(callback!.Query)["code"];
        using var token = await http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code!,
            ["redirect_uri"] = ApiRedirectUri,
            ["client_id"] = ApiClientId,
            ["code_verifier"] = verifier,
            ["resource"] = Resource,
        }), ct);
        var body = await token.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(token.IsSuccessStatusCode, $"The token endpoint answered {(int)token.StatusCode}: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>Follows the provider's own redirects; stops at a page or at a redirect to the client.</summary>
    private static async Task<HttpResponseMessage> FollowAsync(HttpClient http, HttpResponseMessage response, CancellationToken ct)
    {
        for (var hops = 0; hops < 10 && response.Headers.Location is { } next; hops++)
        {
            var target = next.IsAbsoluteUri ? next : new Uri(http.BaseAddress!, next);
            if (target.Authority != http.BaseAddress!.Authority)
            {
                return response;
            }

            response = await http.GetAsync(target, ct);
        }

        return response;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("""<form method="post" action="([^"]+)">""")]
    private static partial Regex FormAction();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
