using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.People;

/// <summary>Machines with API keys: the bootstrap admin key, and named keys that admins issue and revoke.</summary>
public sealed class ApiKeyTests(SharedWorker setup) : IClassFixture<SharedWorker>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WorkerProcess Worker => setup.Worker;

    [Fact]
    public async Task Without_the_admin_key_the_api_and_the_dashboard_refuse_and_with_it_they_answer()
    {
        using var anonymous = new HttpClient { BaseAddress = Worker.BaseAddress };
        var without = await anonymous.GetAsync("/api/customers?identity=email:a@example.com", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("application/problem+json", without.Content.Headers.ContentType?.MediaType);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/customers?identity=email:a@example.com") { Headers = { { "X-Api-Key", "guess" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Worker.Http.GetAsync("/api/customers?identity=email:a@example.com", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Worker.Http.GetAsync("/hangfire", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
        Assert.DoesNotContain(Worker.AdminKey!, Worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issued_agent_key_acts_as_its_agent_is_shown_once_and_stops_working_when_revoked()
    {
        (await Worker.Http.PutAsJsonAsync("/api/agents/kim", new { name = "Kim" }, Ct)).EnsureSuccessStatusCode();

        var first = await IssueAsync(new { name = "Kim's softphone", role = "agent", agentId = "kim" });
        var second = await IssueAsync(new { name = "Kim's softphone (rotated)", role = "agent", agentId = "kim" });

        // Two keys of the same agent work at once (rotation), each as the agent.
        foreach (var key in new[] { first, second })
        {
            var me = await SendAsync(HttpMethod.Get, "/api/me", key.GetProperty("key").GetString()!);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            var body = await me.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("kim", body.GetProperty("agentId").GetString());
            Assert.Equal(["agent"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }

        var listed = await Worker.Http.GetStringAsync("/api/keys", Ct);
        Assert.Contains(first.GetProperty("id").GetString()!, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(first.GetProperty("key").GetString()!, listed, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await Worker.Http.DeleteAsync($"/api/keys/{first.GetProperty("id").GetString()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/me", first.GetProperty("key").GetString()!)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/me", second.GetProperty("key").GetString()!)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Worker.Http.DeleteAsync("/api/keys/nosuchkey", Ct)).StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_issues_keys_and_a_bad_request_names_the_field()
    {
        (await Worker.Http.PutAsJsonAsync("/api/agents/lou", new { name = "Lou" }, Ct)).EnsureSuccessStatusCode();
        var agentKey = (await IssueAsync(new { name = "Lou", role = "agent", agentId = "lou" })).GetProperty("key").GetString()!;

        var byAgent = await SendAsync(HttpMethod.Post, "/api/keys", agentKey, new { name = "mine", role = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);

        foreach (var (body, field) in new (object, string)[]
        {
            (new { name = "x", role = "owner" }, "role"),
            (new { name = "", role = "admin" }, "name"),
            (new { name = "x", role = "agent" }, "agentId"),
            (new { name = "x", role = "agent", agentId = "nobody" }, "agentId"),
        })
        {
            var refused = await Worker.Http.PostAsJsonAsync("/api/keys", body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        }
    }

    private async Task<JsonElement> IssueAsync(object body)
    {
        var issued = await Worker.Http.PostAsJsonAsync("/api/keys", body, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Headers = { { "X-Api-Key", key } } };
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var client = new HttpClient { BaseAddress = Worker.BaseAddress };
        return await client.SendAsync(request, Ct);
    }
}
