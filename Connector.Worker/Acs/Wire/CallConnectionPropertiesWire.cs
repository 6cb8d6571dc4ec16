namespace Connector.Worker.Acs.Wire;

/// <summary>CallConnectionProperties: what answer and create return.</summary>
internal sealed record CallConnectionPropertiesWire(string? CallConnectionId, string? ServerCallId, string? CorrelationId, string? CallConnectionState);
