using Connector.Core.Voice;

namespace Connector.Worker.Voice;

/// <summary>One call as the connector tracks it (table <c>voice_calls</c>).</summary>
internal sealed class VoiceCall
{
    public string Id { get; set; } = "";
    public string? CallConnectionId { get; set; }
    public string? ServerCallId { get; set; }
    public string? CorrelationId { get; set; }
    /// <summary><c>in</c> or <c>out</c>.</summary>
    public string Direction { get; set; } = "in";
    /// <summary>The customer's leg: <c>4:+44…</c> or <c>8:acs:…</c>.</summary>
    public string CallerRawId { get; set; } = "";
    public string IdentityKind { get; set; } = "";
    /// <summary>The contact centre's number (E.164): the one the customer called, or the caller id of an outbound call; null when not a phone number.</summary>
    public string? ServiceNumber { get; set; }
    public string IdentityValue { get; set; } = "";
    public string? Region { get; set; }
    public string Phase { get; set; } = "";
    public string? Journey { get; set; }
    public int MenuAttempt { get; set; }
    public int Record { get; set; }
    public string? RecordingId { get; set; }
    public string? AgentId { get; set; }
    public string? AgentRawId { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? TaskId { get; set; }
    /// <summary>The current task's external ref: the call connection id, or <c>{id}#{n}</c> once the call went back to a queue.</summary>
    public string? TaskRef { get; set; }
    public DateTimeOffset? SecureSince { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? ConnectedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public CallPhase CurrentPhase => Enum.Parse<CallPhase>(Phase, ignoreCase: true);

    public bool IsOutbound => Direction == "out";
}
