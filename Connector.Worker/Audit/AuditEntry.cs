using System.Text.Json;

namespace Connector.Worker.Audit;

/// <summary>One line of the audit log: who did what to which subject, when, with details as a JSON object.</summary>
/// <param name="Actor"><c>agent:{id}</c>, <c>key:{id}</c> (<c>key:admin</c>: the bootstrap key), <c>person:{name}</c> or <c>retention</c> (the purge job).</param>
/// <param name="Subject">What it concerns: <c>conversation:{id}</c>, <c>customer:{id}</c>, <c>agent:{id}</c>, <c>key:{id}</c>, <c>raw-events</c>.</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Kind, string? Subject, JsonElement Detail);

/// <summary>The kinds of audit entries, as stored and filtered on (<c>GET /api/audit?kind=</c>).</summary>
public static class AuditKinds
{
    public const string RecordingPlayed = "recording.played";
    public const string TranscriptRead = "transcript.read";
    public const string AgentChanged = "agent.changed";
    public const string KeyIssued = "key.issued";
    public const string KeyRevoked = "key.revoked";
    public const string LegalHoldSet = "legalHold.set";
    public const string LegalHoldRemoved = "legalHold.removed";
    public const string Purge = "purge";

    public static readonly IReadOnlyList<string> All = [RecordingPlayed, TranscriptRead, AgentChanged, KeyIssued, KeyRevoked, LegalHoldSet, LegalHoldRemoved, Purge];
}
