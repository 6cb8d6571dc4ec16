using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Crm;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Insight;

/// <summary>The insight reaches the CRM on the interaction's own activity (PostgreSQL, fake ACS, fake Salesforce).</summary>
public sealed class InsightCrmTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrapped_up_WhatsApp_conversations_activity_carries_its_insight_line_without_customer_text_in_it()
    {
        var charter = Path.Combine(Directory.CreateTempSubdirectory("connector-insight-crm-").FullName, "charter.yaml");
        await File.WriteAllTextAsync(charter, InsightWorld.Charter, Ct);
        await using var setup = await WorkerWithFakeSalesforce.StartAsync(new Dictionary<string, string?> { ["Charter:Path"] = charter });
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        var conversation = await setup.ConversationAsync("+447700900621", "ann", "I want a refund, this invoice is wrong", "Sorry! The refund is done.");

        await setup.WrapUpAsync(conversation, "ann", "Refunded", "Refund done");
        await setup.UntilOutboxDrainedAsync(TimeSpan.FromSeconds(60));

        var kept = Assert.Single((await setup.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("insights").EnumerateArray());
        var task = Assert.Single(setup.Salesforce.Records("Task"));
        var line = Assert.Single(task["Description"]!.Split('\n'), l => l.StartsWith("Insight: ", StringComparison.Ordinal));
        Assert.Equal(kept.GetProperty("summary").GetString(), line);
        Assert.Contains("topics: billing", line, StringComparison.Ordinal);
        Assert.Contains("customer ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("invoice is wrong", line, StringComparison.Ordinal);
    }
}
