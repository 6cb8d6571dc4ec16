using System.Net;
using Connector.Worker.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Connector.Worker.Tests.Hosting;

public sealed class WorkerOnPostgresTests
{
    [Fact]
    public async Task Two_workers_started_at_the_same_moment_migrate_once_and_both_become_ready()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Connector"] = database };

        await using var first = WorkerProcess.Start(environment);
        await using var second = WorkerProcess.Start(environment);
        await Task.WhenAll(
            first.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60)),
            second.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60)));

        await using var connection = new NpgsqlConnection(database);
        var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToList();
        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.Contains(1, versions);
        // Each Worker says what it found; its log line may reach the test's pipe a moment after it answers "ready".
        int Saying(string text) => new[] { first.Output, second.Output }.Count(o => o.Contains(text, StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Task.FromResult(Saying("schema migrated to version") + Saying("schema is current") == 2), TimeSpan.FromSeconds(10),
            () => first.Output + "\n" + second.Output);
        Assert.Equal(1, Saying("schema migrated to version"));
        Assert.Equal(1, Saying("schema is current"));
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/hangfire", TestContext.Current.CancellationToken)).StatusCode);
    }
}
