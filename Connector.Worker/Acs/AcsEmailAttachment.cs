namespace Connector.Worker.Acs;

/// <summary>An attachment sent inline with an email.</summary>
public sealed record AcsEmailAttachment(string Name, string ContentType, ReadOnlyMemory<byte> Content);
