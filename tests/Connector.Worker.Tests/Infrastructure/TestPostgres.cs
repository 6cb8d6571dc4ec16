using Npgsql;

namespace Connector.Worker.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server that <c>./build.sh test</c> starts (its connection string in CONNECTOR_TEST_POSTGRES).
/// Every test gets a database of its own.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "CONNECTOR_TEST_POSTGRES";

    public static string ServerConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            Assert.SkipWhen(string.IsNullOrWhiteSpace(value),
                $"{Variable} is not set: run the suite with ./build.sh test, which starts a throwaway PostgreSQL, or point {Variable} at one.");
            return value!;
        }
    }

    public static async Task<string> CreateDatabaseAsync()
    {
        var server = ServerConnectionString;
        var name = $"connector_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ToString();
    }
}
