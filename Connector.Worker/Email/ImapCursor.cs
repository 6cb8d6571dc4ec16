namespace Connector.Worker.Email;

/// <summary>The last UID taken in from a folder, valid only while the folder keeps its UIDVALIDITY.</summary>
internal sealed record ImapCursor(long UidValidity, long LastUid);
