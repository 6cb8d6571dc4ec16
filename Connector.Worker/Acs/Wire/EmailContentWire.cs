namespace Connector.Worker.Acs.Wire;

/// <summary><c>content</c> of an email: subject and plain text and/or HTML.</summary>
internal sealed record EmailContentWire(string Subject, string? PlainText, string? Html);
