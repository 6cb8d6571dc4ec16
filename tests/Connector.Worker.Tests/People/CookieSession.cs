using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connector.Worker.Tests.People;

/// <summary>
/// A browser's cookie jar over HttpClient, for the sign-in pages without a browser. HttpClient's own jar never sends
/// a <c>Secure</c> cookie over http, as browsers do for loopback, so the cookies are kept here by name, and every
/// <c>Set-Cookie</c> line is kept as sent for the tests that read its attributes.
/// </summary>
internal sealed partial class CookieSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly List<string> _setCookies = [];

    public CookieSession(Uri worker)
    {
        _http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = worker, Timeout = TimeSpan.FromSeconds(30) };
    }

    public IReadOnlyList<string> SetCookieHeaders => _setCookies;

    public bool Has(string cookie) => _cookies.ContainsKey(cookie);

    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    /// <summary>Posts a form the way a browser posts the page's form: with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string page, IDictionary<string, string> fields, CancellationToken ct)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken") };
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) }, ct);
    }

    /// <summary>A JSON write with the session cookie, with the <c>X-CSRF-TOKEN</c> header when a token is given.</summary>
    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, object body, string? csrfToken, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (csrfToken is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrfToken);
        }

        return SendAsync(request, ct);
    }

    public async Task<string> CsrfTokenAsync(CancellationToken ct)
    {
        using var response = await GetAsync("/api/antiforgery", ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _http.SendAsync(request, ct);
        foreach (var line in response.Headers.TryGetValues("Set-Cookie", out var lines) ? lines : [])
        {
            _setCookies.Add(line);
            var pair = line.Split(';', 2)[0];
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (value.Length == 0 || line.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }

        return response;
    }

    /// <summary>The value of a page's hidden field.</summary>
    public static string Hidden(string page, string name)
    {
        var match = HiddenField().Matches(page).FirstOrDefault(m => m.Groups["name"].Value == name);
        Assert.True(match is not null, $"No hidden field {name} in:\n{page}");
        return System.Net.WebUtility.HtmlDecode(match!.Groups["value"].Value);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();

    public void Dispose() => _http.Dispose();
}
