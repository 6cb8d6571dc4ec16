namespace Connector.Worker.Acs.Wire;

/// <summary>The email send operation: 202 of the send, and 200 of each status poll.</summary>
internal sealed record EmailOperationWire(string? Id, string? Status, ErrorDetailWire? Error);
