namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>A chat thread the fake holds: its participants (user id → display name) and messages, oldest first.</summary>
public sealed class FakeAcsChatThread
{
    public required string Id { get; init; }

    public required string Topic { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedOn { get; init; }

    /// <summary>Guarded by the thread itself: take <c>lock (thread)</c> to read or change.</summary>
    public Dictionary<string, string?> Participants { get; } = new(StringComparer.Ordinal);

    /// <summary>Guarded by the thread itself: take <c>lock (thread)</c> to read or change.</summary>
    public List<FakeAcsChatMessage> Messages { get; } = [];
}
