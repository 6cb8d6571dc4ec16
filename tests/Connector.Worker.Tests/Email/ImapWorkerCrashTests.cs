using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>The Worker process killed while it polls the mailbox: after a restart no mail is lost and none read twice.</summary>
public sealed class ImapWorkerCrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_killed_during_an_IMAP_poll_loses_no_mail_and_reads_none_twice_after_restart()
    {
        const int count = 120;
        var folder = await TestImap.CreateFolderAsync(Ct);
        var start = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        await TestImap.AppendAsync(folder, Ct, [.. Enumerable.Range(0, count).Select(i =>
            Mails.Plain("crash@customer.example", Mails.NewMessageId(), start.AddSeconds(i), $"Mail number {i}"))]);
        var (host, port) = TestImap.Server;
        var settings = new Dictionary<string, string?>
        {
            ["Email__Imap__Host"] = host,
            ["Email__Imap__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Imap__UseTls"] = "false",
            ["Email__Imap__Username"] = TestImap.Username,
            ["Email__Imap__Password"] = TestImap.Password,
            ["Email__Imap__Folder"] = folder,
            ["Email__Imap__PollInterval"] = "00:00:05",
        };
        var workingDirectory = Directory.CreateTempSubdirectory("connector-imap-crash-").FullName;

        await using (var first = WorkerProcess.Start(settings, workingDirectory))
        {
            await first.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(async () => await TimelineCountAsync(first) > 0, TimeSpan.FromSeconds(30), () => first.Output);
            await first.KillHardAsync();
            TestContext.Current.TestOutputHelper?.WriteLine($"killed with {await CountFromStoreAsync(workingDirectory)} of {count} mails taken");
        }

        await using var second = WorkerProcess.Start(settings, workingDirectory);
        await second.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => await TimelineCountAsync(second) >= count, TimeSpan.FromSeconds(60), () => second.Output);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // several more polls

        var texts = await TimelineTextsAsync(second);
        Assert.Equal(count, texts.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"Mail number {i}").Order(StringComparer.Ordinal), texts.Order(StringComparer.Ordinal));
    }

    // The killed Worker cannot answer: read the count from its SQLite file.
    private static async Task<long> CountFromStoreAsync(string workingDirectory)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(workingDirectory, "data", "connector.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM timeline_events WHERE channel = 'email'";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<int> TimelineCountAsync(WorkerProcess worker) => (await TimelineTextsAsync(worker)).Count;

    private static async Task<List<string>> TimelineTextsAsync(WorkerProcess worker)
    {
        // No trusted receiving server is configured: the sender is known by the claimed address.
        var customer = await worker.Http.GetAsync("/api/customers?identity=unverified-email:crash@customer.example", Ct);
        if (customer.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        var conversations = (await customer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationIds").EnumerateArray().Select(c => c.GetString()).ToList();
        var texts = new List<string>();
        foreach (var id in conversations)
        {
            var view = await worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}", Ct);
            texts.AddRange(view.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("text").GetString()!));
        }

        return texts;
    }
}
