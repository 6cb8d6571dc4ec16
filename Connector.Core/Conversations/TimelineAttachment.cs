namespace Connector.Core.Conversations;

/// <summary>A file on a timeline entry (a photo sent on WhatsApp), kept in the connector's file store.</summary>
/// <param name="Path">Relative to the data directory.</param>
public sealed record TimelineAttachment(Guid Id, Guid TimelineEventId, string FileName, string ContentType, long SizeBytes, string Path, DateTimeOffset CreatedAt);
