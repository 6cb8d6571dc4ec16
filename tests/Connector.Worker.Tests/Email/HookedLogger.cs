using Microsoft.Extensions.Logging;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>A logger that calls back on one named log event: the point where a test steps into a running job.</summary>
public sealed class HookedLogger<T>(string eventName, Action onEvent) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Name == eventName)
        {
            onEvent();
        }
    }
}
