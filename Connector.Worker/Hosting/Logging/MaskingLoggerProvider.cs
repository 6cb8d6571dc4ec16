namespace Connector.Worker.Hosting.Logging;

/// <summary>
/// Wraps a logging provider (the console, debug, event source…) so that what it writes has passed
/// <see cref="LogMasking"/>. Scopes reach the inner provider as before (<see cref="ISupportExternalScope"/>).
/// </summary>
internal sealed class MaskingLoggerProvider(ILoggerProvider inner, LogMasking masking) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new MaskingLogger(inner.CreateLogger(categoryName), masking);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose() => inner.Dispose();
}
