namespace Connector.Core.Intake;

/// <summary>An event that intake cannot accept as given; the message says what is wrong.</summary>
public sealed class InvalidInboundEventException(string message, Exception? inner = null) : Exception(message, inner);
