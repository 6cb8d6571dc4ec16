using System.Net;
using System.Net.Http.Headers;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Chat;

/// <summary>
/// The widget's files over real HTTP, as a browser caches them: each with its content type, an ETag of its content and
/// <c>Cache-Control: no-cache</c>, and a 304 without a body when the browser's copy is still the one served.
/// </summary>
public sealed class ChatWidgetAssetTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Http => shared.Worker.Http;

    [Theory]
    [InlineData("/chat/widget", "text/html")]
    [InlineData("/chat/widget.js", "text/javascript")]
    [InlineData("/chat/chat.js", "text/javascript")]
    [InlineData("/chat/widget.css", "text/css")]
    public async Task A_widget_file_has_its_content_type_an_ETag_and_Cache_Control_and_an_unchanged_copy_gets_a_304(string path, string mediaType)
    {
        using var first = await Http.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", first.Content.Headers.ContentType?.CharSet);
        Assert.True(first.Headers.CacheControl?.NoCache, $"Cache-Control: {first.Headers.CacheControl}");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.NotEmpty(await first.Content.ReadAsByteArrayAsync(Ct));

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        using var unchanged = await Http.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, unchanged.Headers.ETag);
        Assert.True(unchanged.Headers.CacheControl?.NoCache, $"Cache-Control: {unchanged.Headers.CacheControl}");

        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-build\""));
        using var changed = await Http.SendAsync(stale, Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task The_page_refers_to_its_script_and_styles_by_paths_the_Worker_serves()
    {
        var html = await Http.GetStringAsync("/chat/widget", Ct);

        Assert.Contains("<script src=\"chat.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"widget.css\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal); // every placeholder replaced
    }

    [Fact]
    public async Task The_pages_ETag_follows_the_configured_Chat_api_version_and_the_scripts_do_not()
    {
        await using var other = WorkerProcess.Start(new Dictionary<string, string?> { ["Acs__ApiVersions__Chat"] = "2024-03-07" });
        await other.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));

        using var page = await Http.GetAsync("/chat/widget", Ct);
        using var otherPage = await other.Http.GetAsync("/chat/widget", Ct);
        Assert.Contains("data-chat-api-version=\"2024-03-07\"", await otherPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotEqual(page.Headers.ETag, otherPage.Headers.ETag);

        foreach (var path in new[] { "/chat/widget.js", "/chat/chat.js", "/chat/widget.css" })
        {
            using var mine = await Http.GetAsync(path, Ct);
            using var theirs = await other.Http.GetAsync(path, Ct);
            Assert.Equal(mine.Headers.ETag, theirs.Headers.ETag);
        }
    }
}
