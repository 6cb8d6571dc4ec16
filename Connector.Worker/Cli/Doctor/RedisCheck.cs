using Connector.Worker.Push;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Connector.Worker.Cli.Doctor;

/// <summary>The SignalR backplane, when Workers share one through Redis: connect and PING.</summary>
internal static class RedisCheck
{
    private const string Name = "SignalR backplane (Redis)";

    public static async Task<DoctorResult> RunAsync(IConfiguration configuration)
    {
        var redis = configuration[$"{PushOptions.Section}:{nameof(PushOptions.Redis)}"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            return DoctorResult.NotConfigured(Name, $"{PushOptions.Section}:{nameof(PushOptions.Redis)} is not set: agents are reached through this Worker (or Azure SignalR)");
        }

        var options = ConfigurationOptions.Parse(redis);
        options.ConnectTimeout = 5_000;
        options.AbortOnConnectFail = true;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            var latency = await connection.GetDatabase().PingAsync();
            return DoctorResult.Passed(Name, $"PING answered in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (RedisException ex)
        {
            return DoctorResult.Failed(Name, $"cannot be reached: {ex.Message}", $"start Redis, or correct {PushOptions.Section}:{nameof(PushOptions.Redis)} (host:port,password=…)");
        }
    }
}
