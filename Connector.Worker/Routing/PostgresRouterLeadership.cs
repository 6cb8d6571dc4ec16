using Npgsql;

namespace Connector.Worker.Routing;

/// <summary>
/// A PostgreSQL session advisory lock held on a connection of its own: if the Worker dies, its session ends and
/// the lock is free for the next Worker at once.
/// </summary>
internal sealed class PostgresRouterLeadership(NpgsqlDataSource dataSource, ILogger<PostgresRouterLeadership> logger) : IRouterLeadership
{
    // "conn" "rout" in ASCII; distinct from the migration lock.
    private const long LockKey = 0x636F6E6E_726F7574;
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    public async Task<IRouterLease> AcquireAsync(CancellationToken ct)
    {
        var waitingLogged = false;
        while (true)
        {
            var connection = await dataSource.OpenConnectionAsync(ct);
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", LockKey);
                if (await command.ExecuteScalarAsync(ct) is true)
                {
                    return new Lease(connection);
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            await connection.DisposeAsync();
            if (!waitingLogged)
            {
                logger.LogInformation("Another Worker is the router; this one stands by");
                waitingLogged = true;
            }

            await Task.Delay(RetryEvery, ct);
        }
    }

    private sealed class Lease(NpgsqlConnection connection) : IRouterLease
    {
        public async Task ConfirmAsync(CancellationToken ct)
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
        }

        // Closing the session releases the lock.
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
