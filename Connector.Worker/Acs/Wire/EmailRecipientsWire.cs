namespace Connector.Worker.Acs.Wire;

/// <summary><c>recipients</c> of an email.</summary>
internal sealed record EmailRecipientsWire(IReadOnlyList<EmailAddressWire> To, IReadOnlyList<EmailAddressWire>? Cc, IReadOnlyList<EmailAddressWire>? Bcc);
