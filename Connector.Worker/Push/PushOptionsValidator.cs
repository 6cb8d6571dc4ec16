using System.Data.Common;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Connector.Worker.Push;

/// <summary>Checks <c>SignalR</c> at start.</summary>
internal sealed class PushOptionsValidator : IValidateOptions<PushOptions>
{
    public ValidateOptionsResult Validate(string? name, PushOptions options)
    {
        var failures = new List<string>();
        var redis = !string.IsNullOrWhiteSpace(options.Redis);
        var azure = !string.IsNullOrWhiteSpace(options.AzureConnectionString);
        if (redis && azure)
        {
            failures.Add($"{PushOptions.Section}:Redis and {PushOptions.Section}:AzureConnectionString are both set: choose one backplane.");
        }

        if (redis && RedisProblem(options.Redis!) is { } redisProblem)
        {
            failures.Add($"{PushOptions.Section}:Redis: {redisProblem}");
        }

        if (azure && AzureProblem(options.AzureConnectionString!) is { } azureProblem)
        {
            failures.Add($"{PushOptions.Section}:AzureConnectionString: {azureProblem}");
        }

        if (options.JournalRetention <= TimeSpan.Zero)
        {
            failures.Add($"{PushOptions.Section}:JournalRetention must be positive.");
        }

        if (options.AckedRetention <= TimeSpan.Zero || options.AckedRetention > options.JournalRetention)
        {
            failures.Add($"{PushOptions.Section}:AckedRetention must be positive and at most JournalRetention ({options.JournalRetention}).");
        }

        if (options.AckWriteInterval <= TimeSpan.Zero || options.AckWriteInterval >= options.AckedRetention)
        {
            failures.Add($"{PushOptions.Section}:AckWriteInterval must be positive and shorter than AckedRetention ({options.AckedRetention}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? RedisProblem(string value)
    {
        try
        {
            return ConfigurationOptions.Parse(value).EndPoints.Count == 0
                ? "names no server; expected a StackExchange.Redis connection string such as 'redis.example:6379,password=…,ssl=true'."
                : null;
        }
        catch (ArgumentException ex)
        {
            return $"not a StackExchange.Redis connection string ({ex.Message}).";
        }
    }

    private static string? AzureProblem(string value)
    {
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            return "expected 'Endpoint=https://<name>.service.signalr.net;AccessKey=…;Version=1.0;'.";
        }

        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint as string, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return "Endpoint must be the service's https URL ('Endpoint=https://<name>.service.signalr.net;AccessKey=…;Version=1.0;').";
        }

        return parts.ContainsKey("AccessKey") || parts.ContainsKey("AuthType")
            ? null
            : "has neither AccessKey nor AuthType (for a managed identity: AuthType=azure.msi).";
    }
}
