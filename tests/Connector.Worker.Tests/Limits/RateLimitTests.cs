using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Limits;

/// <summary>
/// The anonymous surfaces' rate limits over real HTTP: chat sessions per client address, the address being the one a
/// trusted proxy (loopback, by default) forwards, as behind a reverse proxy in production.
/// </summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_over_the_chat_session_limit_gets_429_with_Retry_After_while_a_visitor_from_another_address_is_served()
    {
        await using var host = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["Limits__ChatSessions__PermitsPerMinute"] = "3",
            ["Identity__DefaultRegion"] = "GB",
        }, Ct);
        using var anonymous = new HttpClient { BaseAddress = host.Worker.BaseAddress };

        for (var i = 0; i < 3; i++)
        {
            var allowed = await StartAsync(anonymous, "198.51.100.7");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var refused = await StartAsync(anonymous, "198.51.100.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);

        Assert.Equal(HttpStatusCode.OK, (await StartAsync(anonymous, "198.51.100.8")).StatusCode);
    }

    [Fact]
    public async Task Sessions_naming_one_phone_number_are_limited_whatever_address_they_come_from_and_the_429_names_the_field()
    {
        await using var host = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["Limits__ChatSessionsPerClaimedIdentityPerHour"] = "2",
            ["Identity__DefaultRegion"] = "GB",
        }, Ct);
        using var anonymous = new HttpClient { BaseAddress = host.Worker.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await StartAsync(anonymous, "198.51.100.7", "07700 900123")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StartAsync(anonymous, "198.51.100.8", "+44 7700 900123")).StatusCode);

        // The same number written another way, from a third address: the third session naming it this hour.
        var refused = await StartAsync(anonymous, "198.51.100.9", "+447700900123");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("phone", out _), problem.GetRawText());
        Assert.DoesNotContain("7700", problem.GetRawText(), StringComparison.Ordinal);
        Assert.True(refused.Headers.Contains("Retry-After"));

        Assert.Equal(HttpStatusCode.OK, (await StartAsync(anonymous, "198.51.100.9", "07700 900124")).StatusCode);
    }

    [Fact]
    public async Task The_limits_are_checked_at_start_and_a_zero_limit_stops_the_Worker_naming_the_key()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Limits__ChatSessions__PermitsPerMinute"] = "0" });

        Assert.NotEqual(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Limits:ChatSessions:PermitsPerMinute", worker.Output, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> StartAsync(HttpClient client, string forwardedFor, string? phone = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/sessions") { Content = JsonContent.Create(new { displayName = "Visitor", phone }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request, Ct);
    }
}
