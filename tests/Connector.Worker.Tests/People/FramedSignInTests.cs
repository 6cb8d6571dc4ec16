using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Worker.People;
using Connector.Worker.People.SignIn;
using Connector.Worker.People.SignIn.Framed;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Worker.Tests.People;

/// <summary>
/// The handoff of the CRM frame's popup sign-in, over HTTP: the page the frame shows with a provider configured, and
/// what <c>POST /signin/handoff</c> does with good and bad codes. The codes are made by the Worker's own
/// <see cref="SignInHandoff"/> for the principal an OpenID sign-in makes (<see cref="SignedInPerson"/>); the whole
/// flow through the provider and the popup is <see cref="FramedSignInBrowserTests"/>.
/// </summary>
[Collection(InProcessWorkers.Name)]
public sealed partial class FramedSignInTests : IAsyncLifetime
{
    private readonly string _adminKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    private InProcessWorker _worker = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // A provider is configured (nothing answers there: these tests never go to it) and named for the button.
        _worker = new InProcessWorker(new()
        {
            ["Api:AdminKey"] = _adminKey,
            ["Auth:Oidc:Authority"] = $"http://127.0.0.1:{WorkerProcess.FreePort()}",
            ["Auth:Oidc:ClientId"] = "connector-worker",
            ["Auth:Oidc:ClientSecret"] = "secret",
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
            ["Auth:Oidc:RoleClaim"] = "groups",
            ["Auth:Oidc:Roles:Agent:0"] = "agents",
            ["Auth:Oidc:DisplayName"] = "Example ID",
        });
        using var admin = _worker.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", _adminKey);
        (await admin.PutAsJsonAsync("/api/agents/ann", new { name = "Ann", email = "ann@example.com" }, Ct)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await _worker.DisposeAsync();

    [Fact]
    public async Task Inside_a_frame_with_a_provider_the_sign_in_page_offers_a_popup_button_and_allows_only_the_workers_own_scripts()
    {
        using var frame = Frame();
        using var page = await frame.GetAsync("/signin?ReturnUrl=%2Fpanel", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains(">Sign in with Example ID</button>", html, StringComparison.Ordinal);
        Assert.Contains("""data-popup="/signin/popup?returnUrl=%2Fpanel" """.TrimEnd(), html, StringComparison.Ordinal);
        Assert.Contains("""<script src="/signin/framed.js" defer></script>""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Equal("script-src 'self'; frame-ancestors 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        using var script = await frame.GetAsync("/signin/framed.js", Ct);
        Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task A_code_signs_the_frame_in_as_its_agent_once_and_the_same_code_sent_again_is_refused_naming_code()
    {
        var code = await CodeForAnnAsync(_worker.Services.GetRequiredService<SignInHandoff>());

        using var frame = Frame();
        using var handedOff = await HandOffAsync(frame, code);
        Assert.Equal(HttpStatusCode.OK, handedOff.StatusCode);
        Assert.Equal("/panel", (await handedOff.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("location").GetString());
        var me = await frame.GetFromJsonAsync<JsonElement>("/api/me", Ct);
        Assert.Equal("ann", me.GetProperty("agentId").GetString());
        Assert.Equal(["agent"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // The code seen by someone else (a log, a shoulder) is worth nothing now.
        using var thief = Frame();
        await RefusedAsync(await HandOffAsync(thief, code), "used already");
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_code_older_than_its_minute_is_refused_naming_code()
    {
        // Issued by this Worker's key ring two minutes ago.
        var twoMinutesAgo = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2));
        var past = new SignInHandoff(_worker.Services.GetRequiredService<IDataProtectionProvider>(), _worker.Services.GetRequiredService<SignInHandoffStore>(),
            twoMinutesAgo, NullLogger<SignInHandoff>.Instance);
        var code = await CodeForAnnAsync(past);

        using var frame = Frame();
        await RefusedAsync(await HandOffAsync(frame, code), "expired");
        Assert.Equal(HttpStatusCode.Unauthorized, (await frame.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_code_made_with_another_key_or_altered_and_input_that_is_no_code_are_refused_naming_code()
    {
        var otherKeys = new SignInHandoff(new EphemeralDataProtectionProvider(), _worker.Services.GetRequiredService<SignInHandoffStore>(),
            TimeProvider.System, NullLogger<SignInHandoff>.Instance);
        var genuine = await CodeForAnnAsync(_worker.Services.GetRequiredService<SignInHandoff>());
        var altered = genuine[..^2] + (genuine[^2] == 'A' ? 'B' : 'A') + genuine[^1];

        foreach (var (code, why) in new[]
        {
            (await CodeForAnnAsync(otherKeys), "not a code this connector made"),
            (altered, "not a code this connector made"),
            ("not a code", "not a code this connector made"),
            ("", "empty or not a code"),
            (new string('A', 9000), "empty or not a code"),
        })
        {
            using var frame = Frame();
            await RefusedAsync(await HandOffAsync(frame, code), why);
            Assert.Equal(HttpStatusCode.Unauthorized, (await frame.GetAsync("/api/me", Ct)).StatusCode);
        }

        // None of that used the genuine code up.
        using var ann = Frame();
        Assert.Equal(HttpStatusCode.OK, (await HandOffAsync(ann, genuine)).StatusCode);
    }

    [Fact]
    public async Task A_handoff_without_the_frame_pages_antiforgery_token_or_not_as_a_form_is_refused_and_leaves_the_code_unused()
    {
        var code = await CodeForAnnAsync(_worker.Services.GetRequiredService<SignInHandoff>());
        using var frame = Frame();

        using var noToken = await frame.PostAsync("/signin/handoff", new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code }), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal("application/problem+json", noToken.Content.Headers.ContentType?.MediaType);
        Assert.Equal("__RequestVerificationToken", (await noToken.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());

        using var json = await frame.PostAsJsonAsync("/signin/handoff", new { code }, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("code", (await json.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await frame.GetAsync("/api/me", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await HandOffAsync(frame, code)).StatusCode);
    }

    /// <summary>A browser frame: https (so its jar sends the Secure cookies), redirects not followed, loaded as an iframe.</summary>
    private HttpClient Frame()
    {
        var client = _worker.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("Sec-Fetch-Dest", "iframe");
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>What the popup's page does for Ann once the provider signed her in: her principal as OidcSignIn makes it.</summary>
    private async Task<string> CodeForAnnAsync(SignInHandoff handoff)
    {
        var person = await _worker.Services.GetRequiredService<SignedInPerson>()
            .PrincipalAsync(AuthSchemes.Cookie, "sub-ann", "ann@example.com", "Ann", [Roles.Agent], null, Ct);
        return handoff.Issue(person, "/panel");
    }

    /// <summary>The frame page's form, as framed.js posts it: the page's antiforgery token and the code.</summary>
    private static async Task<HttpResponseMessage> HandOffAsync(HttpClient frame, string code)
    {
        var page = await (await frame.GetAsync("/signin?ReturnUrl=%2Fpanel", Ct)).Content.ReadAsStringAsync(Ct);
        var token = TokenField().Match(page);
        Assert.True(token.Success, page);
        return await frame.PostAsync("/signin/handoff", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["code"] = code,
        }), Ct);
    }

    private static async Task RefusedAsync(HttpResponseMessage response, string why)
    {
        using var _ = response;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("code", problem.GetProperty("field").GetString());
        Assert.Contains(why, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("connector.session=", StringComparison.Ordinal)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
