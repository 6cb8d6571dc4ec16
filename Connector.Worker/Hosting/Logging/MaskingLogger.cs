namespace Connector.Worker.Hosting.Logging;

/// <summary>
/// One category's logger behind <see cref="MaskingLoggerProvider"/>: the formatted message, the structured values and
/// the exception's text are masked; a line with nothing to mask goes to the inner logger untouched.
/// </summary>
internal sealed class MaskingLogger(ILogger inner, LogMasking masking) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        var masked = masking.Mask(message);
        var values = MaskedValues(state);
        var maskedException = exception is null ? null : MaskedException.Of(exception, masking);
        if (masked == message && values is null && ReferenceEquals(maskedException, exception))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        inner.Log(logLevel, eventId, new MaskedLogState(masked, values ?? Values(state)), maskedException, static (s, _) => s.Message);
    }

    /// <summary>The structured values with each one masked, or null when none needed it.</summary>
    private List<KeyValuePair<string, object?>>? MaskedValues<TState>(TState state)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return null;
        }

        List<KeyValuePair<string, object?>>? masked = null;
        for (var i = 0; i < values.Count; i++)
        {
            var (key, value) = values[i];
            // The template ({OriginalFormat}) holds no values; numbers, ids and dates cannot hold a secret in their own text.
            if (key == "{OriginalFormat}" || value is null || value is not (string or Uri or Exception) && value.GetType().IsPrimitive)
            {
                continue;
            }

            var text = value.ToString() ?? "";
            var maskedText = masking.Mask(text);
            if (!ReferenceEquals(maskedText, text) && maskedText != text)
            {
                masked ??= [.. values];
                masked[i] = new KeyValuePair<string, object?>(key, maskedText);
            }
        }

        return masked;
    }

    private static IReadOnlyList<KeyValuePair<string, object?>> Values<TState>(TState state) =>
        state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
}
