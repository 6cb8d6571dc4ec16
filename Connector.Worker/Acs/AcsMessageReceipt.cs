namespace Connector.Worker.Acs;

/// <summary>ACS accepted a WhatsApp message: <see cref="MessageId"/> is what delivery-status events will carry.</summary>
public sealed record AcsMessageReceipt(string MessageId, string To);
