using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Api;

namespace Connector.Worker.Tests.Staffing;

/// <summary><c>GET /api/staffing</c> over real HTTP: the plan for supervisors, and bad input named field by field.</summary>
public sealed class StaffingApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_supervisor_gets_the_agents_a_channel_needs_and_bad_input_is_a_400_naming_each_field()
    {
        await using var worker = await PanelWorld.StartAsync();
        await worker.PutAgentAsync("sue", supervises: "support");
        using var sue = await worker.KeyAsync("supervisor", "sue");

        var voice = await sue.GetFromJsonAsync<JsonElement>("/api/staffing?channel=voice&perHour=100&handleSeconds=180&serviceLevel=0.8&withinSeconds=20", Ct);
        var chat = await sue.GetFromJsonAsync<JsonElement>("/api/staffing?channel=chat&perHour=60&handleSeconds=420&withinSeconds=30", Ct);
        var bad = await sue.GetAsync("/api/staffing?channel=fax&perHour=-1&serviceLevel=1&withinSeconds=20&concurrency=0", Ct);

        Assert.Equal(("voice", 8, 1, 8), (voice.GetProperty("channel").GetString(), voice.GetProperty("agents").GetInt32(), voice.GetProperty("concurrency").GetInt32(), voice.GetProperty("places").GetInt32()));
        Assert.Equal(("chat", 2), (chat.GetProperty("channel").GetString(), chat.GetProperty("concurrency").GetInt32()));
        Assert.Equal(chat.GetProperty("agents").GetInt32() * 2, chat.GetProperty("places").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["channel", "concurrency", "handleSeconds", "perHour", "serviceLevel"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }
}
