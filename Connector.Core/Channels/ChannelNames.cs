namespace Connector.Core.Channels;

/// <summary>Maps channels to and from the names used in URLs, JSON, the charter and the database.</summary>
public static class ChannelNames
{
    public const string Voice = "voice";
    public const string Chat = "chat";
    public const string WhatsApp = "whatsapp";
    public const string Email = "email";

    public static IReadOnlyList<string> All { get; } = [Voice, Chat, WhatsApp, Email];

    public static string ToName(this Channel channel) => channel switch
    {
        Channel.Voice => Voice,
        Channel.Chat => Chat,
        Channel.WhatsApp => WhatsApp,
        Channel.Email => Email,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    public static bool TryParse(string? name, out Channel channel)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case Voice: channel = Channel.Voice; return true;
            case Chat: channel = Channel.Chat; return true;
            case WhatsApp: channel = Channel.WhatsApp; return true;
            case Email: channel = Channel.Email; return true;
            default: channel = default; return false;
        }
    }

    public static Channel Parse(string name) => TryParse(name, out var channel)
        ? channel
        : throw new FormatException($"Unknown channel '{name}'. Allowed: {string.Join(", ", All)}.");

    /// <summary>Async channels queue by the customer's last message, not by when the task was opened.</summary>
    public static bool IsAsync(this Channel channel) => channel is not Channel.Voice;
}
