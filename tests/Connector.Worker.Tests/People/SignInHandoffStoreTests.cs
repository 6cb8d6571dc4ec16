using Connector.Worker.People.SignIn.Framed;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.People;

/// <summary>
/// The used handoff codes (migration 0019) on both stores: what makes a code single-use across Workers sharing the
/// database.
/// </summary>
public sealed class SignInHandoffStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Of_several_Workers_redeeming_one_code_at_the_same_moment_exactly_one_may_use_it(string storeKind)
    {
        await using var store = storeKind == "postgres" ? await StoreUnderTest.PostgresAsync() : await StoreUnderTest.SqliteAsync();
        var now = store.Time.GetUtcNow();
        // One store object per Worker; on PostgreSQL each with its own connections to the shared database.
        var workers = Enumerable.Range(0, 4).Select(_ => new SignInHandoffStore(store.Dialect)).ToList();

        var uses = await Task.WhenAll(workers.Select(w => Task.Run(() => w.TryUseAsync("code-1", now.AddSeconds(60), now, Ct), Ct)));

        Assert.Single(uses, used => used);
        Assert.False(await workers[0].TryUseAsync("code-1", now.AddSeconds(60), now.AddSeconds(30), Ct));
        Assert.True(await workers[1].TryUseAsync("code-2", now.AddSeconds(60), now, Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_ids_of_codes_long_expired_are_forgotten_and_those_of_live_codes_kept(string storeKind)
    {
        await using var store = storeKind == "postgres" ? await StoreUnderTest.PostgresAsync() : await StoreUnderTest.SqliteAsync();
        var handoffs = new SignInHandoffStore(store.Dialect);
        var now = store.Time.GetUtcNow();
        Assert.True(await handoffs.TryUseAsync("old", now.AddSeconds(60), now, Ct));
        Assert.True(await handoffs.TryUseAsync("recent", now.AddMinutes(6), now.AddMinutes(5), Ct));

        // Ten minutes on, "old" expired more than the allowed clock skew ago (such a code is refused as expired anyway).
        Assert.True(await handoffs.TryUseAsync("new", now.AddMinutes(11), now.AddMinutes(10), Ct));

        await using var connection = await store.Dialect.OpenAsync(Ct);
        var ids = await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT id FROM sign_in_handoffs ORDER BY id");
        Assert.Equal(["new", "recent"], ids);
    }
}
