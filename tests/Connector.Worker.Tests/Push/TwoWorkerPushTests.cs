using System.Security.Cryptography;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Routing;
using Dapper;
using Npgsql;

namespace Connector.Worker.Tests.Push;

/// <summary>Two Worker processes on one PostgreSQL, with Redis carrying messages between them.</summary>
public sealed class TwoWorkerPushTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_agent_on_Worker_B_receives_Worker_As_offers_and_after_B_is_killed_gets_every_message_it_missed_exactly_once_in_order()
    {
        var redis = TestRedis.ConnectionString;
        var database = await TestPostgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Connector"] = database,
            ["SignalR__Redis"] = redis,
            ["Router__TickInterval"] = "00:00:00.100",
            // One admin key for both, as one deployment has.
            ["Api__AdminKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        };
        await using var a = WorkerProcess.Start(environment);
        await a.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => Task.FromResult(a.Output.Contains("is now the router", StringComparison.Ordinal)), Wait, () => a.Output);
        await using var b = WorkerProcess.Start(environment);
        await b.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        string Outputs() => $"A:\n{a.Output}\nB:\n{b.Output}";

        var key = await a.AgentWithKeyAsync("ann");
        // Connected to B; when B is gone the panel is sent to A, as a load balancer would.
        await using var panel = HubClient.Start(key, afterSeq: -1, b.BaseAddress, a.BaseAddress);
        await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", Wait, context: Outputs);
        await a.PresenceAsync("ann", "whatsapp");
        var task = await a.WhatsAppArrivesAsync("+447700900701");

        // Decided by the router in A, committed there, carried by Redis, sent by B.
        var offer = await panel.WaitForPushAsync("offerMade", Wait, Outputs);
        Assert.Equal(task, offer.GetProperty("data").GetProperty("taskId").GetGuid());
        Assert.StartsWith(b.BaseAddress.ToString().TrimEnd('/'), offer.GetProperty("url").GetString(), StringComparison.Ordinal);

        // Messages keep coming while B dies and the panel moves to A: before, during and after the reconnection.
        var killNow = new TaskCompletionSource();
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await a.PresenceAsync("ann", i % 2 == 0 ? ["whatsapp", "chat"] : ["whatsapp"]);
                if (i == 10)
                {
                    killNow.TrySetResult();
                }
            }
        }, TestContext.Current.CancellationToken);
        await killNow.Task;
        await b.KillHardAsync();
        await producer;
        var after = await a.WhatsAppArrivesAsync("+447700900702");

        await using var connection = new NpgsqlConnection(database);
        var journal = (await connection.QueryAsync<(long Seq, string Type)>("SELECT seq, type FROM push_journal WHERE stream = 'agent:ann' ORDER BY seq")).ToList();
        Assert.Contains(journal, j => j.Type == "offerMade");
        await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "push" && e.GetProperty("seq").GetInt64() >= journal[^1].Seq, Wait,
            context: () => $"journal ends at {journal[^1].Seq}\n{Outputs()}");
        // Whatever the last WhatsApp message caused has been told too (its offer, or nothing if ann was full).
        var last = (await connection.QueryAsync<long>("SELECT last_seq FROM push_streams WHERE stream = 'agent:ann'")).Single();
        await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "push" && e.GetProperty("seq").GetInt64() == last, Wait, context: Outputs);
        journal = [.. await connection.QueryAsync<(long Seq, string Type)>("SELECT seq, type FROM push_journal WHERE stream = 'agent:ann' AND seq <= @last ORDER BY seq", new { last })];

        // Up to the number read above: the router may still be telling ann something (its offer of the last message can be
        // committed after that read), and what comes later is not this test's question.
        var pushes = panel.Pushes.Where(p => p.GetProperty("seq").GetInt64() <= last).ToList();
        Assert.DoesNotContain(panel.Events, e => e.GetProperty("event").GetString() is "duplicate" or "gap");
        // Every number once, in order, and each the message the journal holds under it.
        Assert.Equal(Enumerable.Range(1, (int)last).Select(n => (long)n), pushes.Select(p => p.GetProperty("seq").GetInt64()));
        Assert.Equal(journal.Select(j => j.Type), pushes.Select(p => p.GetProperty("type").GetString()));
        // Some came through B before it died, the rest through A after the panel moved there.
        Assert.Contains(panel.Events, e => e.GetProperty("event").GetString() == "closed");
        var resumedOnA = panel.Events.Last(e => e.GetProperty("event").GetString() == "resumed");
        Assert.StartsWith(a.BaseAddress.ToString().TrimEnd('/'), resumedOnA.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains(pushes, p => p.GetProperty("url").GetString()!.StartsWith(b.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal) && p.GetProperty("type").GetString() == "presenceChanged");
        Assert.Contains(pushes, p => p.GetProperty("url").GetString()!.StartsWith(a.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"{last} messages; the panel resumed on A after {resumedOnA.GetProperty("afterSeq").GetInt64()}; task {after}");
    }
}
