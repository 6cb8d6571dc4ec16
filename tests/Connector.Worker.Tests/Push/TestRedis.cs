namespace Connector.Worker.Tests.Push;

/// <summary>
/// The Redis server that <c>./build.sh test</c> starts (host:port in CONNECTOR_TEST_REDIS). The suite is
/// self-contained: without one, the tests that need it fail saying how to get one, rather than skip.
/// </summary>
internal static class TestRedis
{
    public const string Variable = "CONNECTOR_TEST_REDIS";

    public static string ConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            Assert.False(string.IsNullOrWhiteSpace(value),
                $"{Variable} is not set: run the suite with ./build.sh test, which starts a throwaway redis-server, or point {Variable} at one (host:port).");
            return value!;
        }
    }
}
