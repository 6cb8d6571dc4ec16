namespace Connector.Worker.Acs.Wire;

/// <summary>One receipt: the message id that delivery-status events will carry.</summary>
internal sealed record MessageReceiptWire(string? MessageId, string? To);
