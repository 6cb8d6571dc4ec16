using System.Net.Http.Json;
using System.Text.Json;
using Connector.Core.Outbox;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Outbox;

/// <summary>The outbox holds only work something will do: a kind nothing consumes is not written, and nothing written is dropped.</summary>
public sealed class OutboxConsumersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_CRM_adapter_a_message_leaves_no_CRM_work_in_the_outbox()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Router__TickInterval"] = "00:00:00.100" });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await worker.AgentOnlineAsync("ann", "whatsapp");

        var task = await worker.WhatsAppArrivesAsync("+447700900611");
        Assert.Equal("ann", await worker.WaitForOfferAsync(task));

        var kinds = (await worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct)).EnumerateArray().Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.DoesNotContain(OutboxKind.ContactSync, kinds);
        Assert.DoesNotContain("timeline.sync", kinds);
    }

    [Fact]
    public async Task CRM_work_left_by_a_worker_with_an_adapter_waits_with_its_reason_on_a_worker_without_one()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("connector-consumers-").FullName;
        var environment = new Dictionary<string, string?> { ["Outbox__PollInterval"] = "00:00:00.200", ["Outbox__DispatchEnabled"] = "false" };
        await using var salesforce = await WorkerCrm.AddSalesforceAsync(environment, Ct);
        await using (var withCrm = WorkerProcess.Start(environment, workingDirectory))
        {
            await withCrm.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
            await withCrm.WhatsAppArrivesAsync("+447700900612");
        }

        var store = new SqlConnectorStore(new SqliteDialect(SqliteDialect.ConnectionStringFor(Path.Combine(workingDirectory, "data"))));
        var written = Assert.Single(await store.ListAsync(null, Ct), r => r.Kind == OutboxKind.ContactSync);

        // The same data directory, now with Crm:Provider=None: nothing here can write the contact.
        await using var withoutCrm = WorkerProcess.Start(new Dictionary<string, string?> { ["Outbox__PollInterval"] = "00:00:00.200" }, workingDirectory);
        await withoutCrm.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        OutboxMessage? waiting = null;
        await Eventually.TrueAsync(async () => (waiting = (await store.ListAsync(null, Ct)).Single(r => r.Id == written.Id)).LastError is not null,
            TimeSpan.FromSeconds(15), () => withoutCrm.Output);

        Assert.Equal(OutboxState.Pending, waiting!.State);
        Assert.Equal(0, waiting.Attempts);
        Assert.Contains("contact.sync", waiting.LastError, StringComparison.Ordinal);
        Assert.Contains($"Outbox row {written.Id} waits until", withoutCrm.Output, StringComparison.Ordinal);
    }
}
