namespace Connector.Worker.Hosting.Logging;

/// <summary>
/// An exception as a log shows it, with its text masked: a provider writes <see cref="ToString"/>, which for an
/// HTTP or database failure can quote a URL with a key, a connection string or a customer's message.
/// </summary>
internal sealed class MaskedException : Exception
{
    private readonly string _text;

    private MaskedException(string message, string text, Exception original)
        : base(message)
    {
        _text = text;
        HResult = original.HResult;
        Source = original.Source;
    }

    /// <summary>The exception itself when its text needs no masking, else a stand-in carrying the masked text.</summary>
    public static Exception Of(Exception exception, LogMasking masking)
    {
        var text = exception.ToString();
        var masked = masking.Mask(text);
        return masked == text ? exception : new MaskedException(masking.Mask(exception.Message), masked, exception);
    }

    public override string ToString() => _text;
}
