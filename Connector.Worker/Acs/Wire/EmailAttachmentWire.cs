namespace Connector.Worker.Acs.Wire;

/// <summary>An attachment, inline as base64.</summary>
internal sealed record EmailAttachmentWire(string Name, string ContentType, string ContentInBase64);
