using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Connector.Worker.Tests.Routing;

public sealed class RouterTakeoverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_two_workers_on_one_postgres_only_one_decides_and_killing_it_hands_over_within_10_seconds_losing_no_task()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Connector"] = database, ["Router__TickInterval"] = "00:00:00.100" };
        await using var first = WorkerProcess.Start(environment);
        await first.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => Task.FromResult(first.Output.Contains("is now the router", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), () => first.Output);
        await using var second = WorkerProcess.Start(environment);
        await second.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => Task.FromResult(second.Output.Contains("stands by", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), () => second.Output);

        // Work arrives through both Workers; only the first decides.
        await second.AgentOnlineAsync("ann", "whatsapp");
        var before = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            before.Add(await (i % 2 == 0 ? first : second).WhatsAppArrivesAsync($"+4477009001{i:00}"));
        }

        await Eventually.TrueAsync(async () => await CountAsync(second, "offered") == 4, TimeSpan.FromSeconds(15), () => first.Output);

        await first.KillHardAsync();
        var killedAt = DateTime.UtcNow;
        await Eventually.TrueAsync(() => Task.FromResult(second.Output.Contains("is now the router", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), () => second.Output);
        var handover = DateTime.UtcNow - killedAt;
        TestContext.Current.TestOutputHelper?.WriteLine($"router handover after SIGKILL: {handover.TotalSeconds:0.0} s");

        var after = await second.WhatsAppArrivesAsync("+447700900199");
        await second.AgentOnlineAsync("bob", "whatsapp");
        await second.WaitForOfferAsync(after);

        await using var connection = new NpgsqlConnection(database);
        var deciders = (await connection.QueryAsync<(Guid TaskId, string DecidedBy, DateTime At)>(
            "SELECT task_id, decided_by, at FROM routing_decisions ORDER BY at")).ToList();
        var byInstance = deciders.GroupBy(d => d.DecidedBy).ToList();
        Assert.Equal(2, byInstance.Count);
        Assert.True(byInstance[0].Max(d => d.At) <= byInstance[1].Min(d => d.At), "the two routers' decisions interleave");
        var states = await connection.QueryAsync<string>("SELECT state FROM routing_tasks");
        Assert.Equal(5, states.Count());
        Assert.All(states, s => Assert.Contains(s, new[] { "offered", "assigned" }));
        Assert.True(handover < TimeSpan.FromSeconds(10), $"handover took {handover}");
        Assert.All(before, id => Assert.Contains(deciders, d => d.TaskId == id));
    }

    private static async Task<int> CountAsync(WorkerProcess worker, string state) =>
        (await worker.Http.GetFromJsonAsync<JsonElement>($"/api/tasks?state={state}", Ct)).GetArrayLength();
}
