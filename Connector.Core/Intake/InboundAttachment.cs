namespace Connector.Core.Intake;

/// <summary>A file that came with the event and is already kept (its path relative to the data directory).</summary>
public sealed record InboundAttachment(string FileName, string ContentType, long SizeBytes, string Path);
