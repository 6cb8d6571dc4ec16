namespace Connector.Core.Outbox;

/// <summary>
/// The payload of a <see cref="OutboxKind.CrmAttach"/> row: a file the connector keeps under its data directory, to
/// attach to the CRM activity of the interaction <see cref="InteractionSyncPayload.KeyFor"/>(conversation, <paramref name="TaskId"/>).
/// The job waits (retrying) until that interaction is logged; when both wait at once, the file rides in the
/// interaction's batch.
/// </summary>
/// <param name="Path">Relative to <c>Storage:DataDirectory</c> (e.g. <c>recordings/2026/12/…</c>); never absolute, never <c>..</c>.</param>
/// <param name="Kind">What the file is: <c>recording</c>, <c>transcript</c>, <c>note</c> or <c>file</c>.</param>
/// <param name="Length">The file's size in bytes.</param>
public sealed record CrmAttachPayload(Guid TaskId, string Path, string Kind, string FileName, string ContentType, long Length);
