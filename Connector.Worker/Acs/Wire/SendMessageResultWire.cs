namespace Connector.Worker.Acs.Wire;

/// <summary>202 of <c>notifications:send</c>.</summary>
internal sealed record SendMessageResultWire(IReadOnlyList<MessageReceiptWire>? Receipts);
