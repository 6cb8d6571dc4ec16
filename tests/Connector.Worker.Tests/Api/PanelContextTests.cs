using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Connector.Worker.Tests.Api;

/// <summary><c>GET /api/panel/context</c> over real HTTP: what the panel reads once at start, for whoever calls.</summary>
public sealed class PanelContextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_gets_themselves_the_charters_dispositions_and_journeys_the_templates_and_every_other_agent_without_their_work()
    {
        await using var worker = await PanelWorld.StartAsync(settings: new()
        {
            ["Acs__WhatsApp__Templates__0__Name"] = "appointment_reminder",
            ["Acs__WhatsApp__Templates__0__Language"] = "en_GB",
            ["Acs__WhatsApp__Templates__0__Description"] = "Reminds the customer of their appointment",
        });
        await worker.PutAgentAsync("ann", skill: "support");
        await worker.PutAgentAsync("bob", skill: "support");
        await worker.OnlineAsync("bob", "whatsapp");
        // Bob holds work: the context shows none of it.
        var (task, _) = await worker.ArrivesAsync("whatsapp", "+447700900401");
        await worker.UntilStateAsync(task, "offered");
        using var ann = await worker.KeyAsync("agent", "ann");

        var response = await ann.GetAsync("/api/panel/context", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var context = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var me = context.GetProperty("me");
        Assert.Equal(("ann", "agent ann"), (me.GetProperty("agentId").GetString(), me.GetProperty("name").GetString()));
        Assert.Equal(["agent"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(
            ["resolved Resolved voice,chat,whatsapp,email", "no-answer No answer voice"],
            context.GetProperty("dispositions").EnumerateArray().Select(d =>
                $"{d.GetProperty("code").GetString()} {d.GetProperty("label").GetString()} {string.Join(',', d.GetProperty("channels").EnumerateArray().Select(c => c.GetString()))}"));
        Assert.Equal(
            ["billing→billing email,voice", "support→support whatsapp,chat"],
            context.GetProperty("journeys").EnumerateArray().Select(j =>
                $"{j.GetProperty("name").GetString()}→{j.GetProperty("queue").GetString()} {string.Join(',', j.GetProperty("channels").EnumerateArray().Select(c => c.GetString()))}"));
        var agent = Assert.Single(context.GetProperty("agents").EnumerateArray());
        Assert.Equal(["id", "name", "online"], agent.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("bob", "Agent bob", true), (agent.GetProperty("id").GetString(), agent.GetProperty("name").GetString(), agent.GetProperty("online").GetBoolean()));
        var template = Assert.Single(context.GetProperty("whatsAppTemplates").EnumerateArray());
        Assert.Equal(("appointment_reminder", "en_GB", "Reminds the customer of their appointment"),
            (template.GetProperty("name").GetString(), template.GetProperty("language").GetString(), template.GetProperty("description").GetString()));
        Assert.Equal(["voice", "chat", "whatsapp", "email"], context.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, context.GetProperty("crm").ValueKind);
        Assert.Equal("/hubs/agent", context.GetProperty("hub").GetString());
    }

    [Fact]
    public async Task A_key_acting_as_no_agent_gets_no_agent_id_and_every_agent_as_a_target()
    {
        await using var worker = await PanelWorld.StartAsync();
        await worker.PutAgentAsync("ann", skill: "support");
        await worker.PutAgentAsync("bob");
        using var machine = await worker.KeyAsync("admin", null);

        var context = await machine.GetFromJsonAsync<JsonElement>("/api/panel/context", Ct);

        var me = context.GetProperty("me");
        Assert.Equal(JsonValueKind.Null, me.GetProperty("agentId").ValueKind);
        Assert.Equal("admin machine", me.GetProperty("name").GetString());
        Assert.Equal(["admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["ann:False", "bob:False"], context.GetProperty("agents").EnumerateArray().Select(a => $"{a.GetProperty("id").GetString()}:{a.GetProperty("online").GetBoolean()}"));
        Assert.Empty(context.GetProperty("whatsAppTemplates").EnumerateArray());
    }
}
