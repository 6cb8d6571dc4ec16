using Connector.Core.Compliance;

namespace Connector.Worker.Hosting.Logging;

/// <summary>
/// What every log line passes through before any provider writes it: credentials (<see cref="SecretMasker"/>) and
/// card numbers and other sensitive values (<see cref="SensitiveDataRedactor"/>, built-in recognisers: the logging
/// safety net must work before, and whether or not, the charter can be read).
/// </summary>
internal sealed class LogMasking(SecretMasker secrets, SensitiveDataRedactor redactor)
{
    public string Mask(string text) => text.Length == 0 ? text : redactor.Redact(secrets.Mask(text))!;
}
