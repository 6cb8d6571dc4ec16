using System.Net.Http.Json;
using Connector.Core.Outbox;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Npgsql;

namespace Connector.Worker.Tests.Hosting;

/// <summary>The outbox, not Hangfire, is the record of work: a SIGKILL between intake and sync loses nothing.</summary>
public sealed class OutboxCrashRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_worker_killed_after_intake_and_before_sync_processes_the_outbox_exactly_once_after_restart(string store)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("connector-crash-").FullName;
        var environment = new Dictionary<string, string?> { ["Outbox__PollInterval"] = "00:00:00.200" };
        // A CRM to write to: without one, no CRM work is written at all.
        await using var salesforce = await WorkerCrm.AddSalesforceAsync(environment, Ct);
        NpgsqlDataSource? dataSource = null;
        if (store == "postgres")
        {
            var database = await TestPostgres.CreateDatabaseAsync();
            environment["ConnectionStrings__Connector"] = database;
            dataSource = NpgsqlDataSource.Create(database);
        }

        SqlDialect dialect = dataSource is null
            ? new SqliteDialect(SqliteDialect.ConnectionStringFor(Path.Combine(workingDirectory, "data")))
            : new PostgresDialect(dataSource);
        var outbox = new SqlConnectorStore(dialect);

        // 1. Intake commits; this Worker never syncs (as if it died a moment later).
        await using (var first = WorkerProcess.Start(new Dictionary<string, string?>(environment) { ["Outbox__DispatchEnabled"] = "false" }, workingDirectory))
        {
            await first.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
            // Two customers' messages: each leaves a contact.sync row of its own.
            foreach (var (eventId, number) in new[] { ("crash-1", "+447700900123"), ("crash-2", "+447700900124") })
            {
                var response = await first.Http.PostAsJsonAsync("/api/inbound-events", new
                {
                    eventId,
                    channel = "whatsapp",
                    type = "message",
                    identities = new[] { new { kind = "whatsapp", value = number } },
                    text = "Is anyone there?",
                }, Ct);
                response.EnsureSuccessStatusCode();
            }

            await first.KillHardAsync();
        }

        var before = await outbox.ListAsync(null, Ct);
        Assert.Equal(2, before.Count);
        Assert.All(before, m => Assert.Equal((OutboxState.Pending, 0), (m.State, m.Attempts)));

        // 2. After restart every row is carried out once.
        await using (var second = WorkerProcess.Start(environment, workingDirectory))
        {
            await second.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(async () => (await outbox.ListAsync(OutboxState.Done, Ct)).Count == 2, TimeSpan.FromSeconds(30), () => second.Output);
        }

        // 3. A further restart finds nothing to do again.
        await using (var third = WorkerProcess.Start(environment, workingDirectory))
        {
            await third.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1.5), Ct); // several dispatch polls
        }

        var after = await outbox.ListAsync(null, Ct);
        Assert.All(after, m => Assert.Equal((OutboxState.Done, 1), (m.State, m.Attempts)));
        Assert.Equal(before.Select(m => m.Id), after.Select(m => m.Id));
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }
    }
}
