namespace Connector.Core.Voice;

/// <summary>What a caller hears while waiting for an agent: an announcement, then music, looped until an agent takes the call.</summary>
/// <param name="Announcement">Text to speak, or an http(s) audio file; null: none.</param>
/// <param name="MusicOnHold">An http(s) audio file; null: none.</param>
public sealed record QueueAnnouncements(string? Announcement, string? MusicOnHold)
{
    public static QueueAnnouncements None { get; } = new(null, null);

    public IReadOnlyList<string> Sources => new[] { Announcement, MusicOnHold }.OfType<string>().ToList();
}
