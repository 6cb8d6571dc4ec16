namespace Connector.Core.Channels;

/// <summary>
/// Channels' names as used in URLs, JSON, the charter and the database. The names themselves are on
/// <see cref="Channel"/> and mapped by <see cref="WireNames"/>; these forwards stay because so much code says
/// <c>channel.ToName()</c> and <c>ChannelNames.All</c>.
/// </summary>
public static class ChannelNames
{
    public static IReadOnlyList<string> All => WireNames.All<Channel>();

    public static string ToName(this Channel channel) => WireNames.Of(channel);

    public static bool TryParse(string? name, out Channel channel) => WireNames.TryParse(name, out channel);

    /// <exception cref="FormatException">Not a channel; the message lists the channels.</exception>
    public static Channel Parse(string name) => WireNames.Parse<Channel>(name);

    /// <summary>Async channels queue by the customer's last message, not by when the task was opened.</summary>
    public static bool IsAsync(this Channel channel) => channel is not Channel.Voice;
}
