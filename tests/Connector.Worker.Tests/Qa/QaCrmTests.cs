using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Crm;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Qa;

/// <summary>QA's scores reach the CRM on the interaction's own activity (PostgreSQL, fake ACS, fake Salesforce).</summary>
public sealed class QaCrmTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrapped_up_WhatsApp_conversations_activity_opens_with_its_QA_line_and_the_evaluation_is_kept_once()
    {
        var charter = Path.Combine(Directory.CreateTempSubdirectory("connector-qa-crm-").FullName, "charter.yaml");
        await File.WriteAllTextAsync(charter, QaWorld.Charter, Ct);
        await using var setup = await WorkerWithFakeSalesforce.StartAsync(new Dictionary<string, string?> { ["Charter:Path"] = charter });
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        var conversation = await setup.ConversationAsync("+447700900321", "ann", "My parcel arrived broken", "Hello, sorry to hear that! I've sent a replacement, bye.");

        await setup.WrapUpAsync(conversation, "ann", "Replaced", "Replacement sent");
        await setup.UntilOutboxDrainedAsync(TimeSpan.FromSeconds(60));

        var evaluation = Assert.Single((await setup.Worker.Http.GetFromJsonAsync<JsonElement>("/api/qa/evaluations", Ct)).EnumerateArray());
        Assert.Equal(("standard", conversation), (evaluation.GetProperty("form").GetString(), evaluation.GetProperty("conversationId").GetGuid()));
        // No name given (introduction: no); the AI question is N/A: 40 of 50.
        Assert.Equal(80, evaluation.GetProperty("score").GetDouble());
        var task = Assert.Single(setup.Salesforce.Records("Task"));
        Assert.StartsWith("QA standard: 80/100 (greeting yes, introduction no, empathy yes, solution yes, closing yes, clarity n/a)", task["Description"], StringComparison.Ordinal);
        Assert.Contains("I've sent a replacement", task["Description"], StringComparison.Ordinal);
    }
}
