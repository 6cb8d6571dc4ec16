namespace Connector.Core.Charter;

/// <summary>
/// The charter cannot be used. Carries every error found, not just the first, so an admin fixes them in one go;
/// the message lists them one per line as <c>file:line:column: field: message</c>.
/// </summary>
public sealed class CharterException(IReadOnlyList<CharterError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<CharterError> Errors { get; } = errors;
}
