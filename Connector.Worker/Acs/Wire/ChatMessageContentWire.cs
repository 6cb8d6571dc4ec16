namespace Connector.Worker.Acs.Wire;

/// <summary><c>content</c> of a listed chat message (text for text/html messages).</summary>
internal sealed record ChatMessageContentWire(string? Message, string? Topic);
