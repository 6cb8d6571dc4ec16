using Npgsql;

namespace Connector.Worker.Crm;

/// <summary>
/// A PostgreSQL session advisory lock on the customer, on a connection of its own: it holds across Workers, and a
/// Worker that dies mid find-or-create releases it with its session.
/// </summary>
internal sealed class PostgresCustomerCrmLock(NpgsqlDataSource dataSource) : ICustomerCrmLock
{
    // "crmc" in ASCII: the first key of the two-key advisory lock space, distinct from the router and migration locks.
    private const int LockSpace = 0x63726D63;
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(100);

    public async Task<IAsyncDisposable?> TryAcquireAsync(Guid customerId, TimeSpan timeout, CancellationToken ct)
    {
        var key = BitConverter.ToInt32(customerId.ToByteArray(), 0) ^ BitConverter.ToInt32(customerId.ToByteArray(), 12);
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (true)
            {
                await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, @key)", connection))
                {
                    command.Parameters.AddWithValue("space", LockSpace);
                    command.Parameters.AddWithValue("key", key);
                    if (await command.ExecuteScalarAsync(ct) is true)
                    {
                        return new Held(connection, key);
                    }
                }

                if (DateTimeOffset.UtcNow >= deadline)
                {
                    await connection.DisposeAsync();
                    return null;
                }

                await Task.Delay(RetryEvery, ct);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection, int key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Unlocked explicitly: the pooled connection outlives this use, and its session would keep the lock.
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, @key)", connection);
                command.Parameters.AddWithValue("space", LockSpace);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteScalarAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
