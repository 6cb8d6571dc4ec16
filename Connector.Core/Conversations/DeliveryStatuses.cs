namespace Connector.Core.Conversations;

/// <summary>Where an outbound message is; it only moves forward (a late "delivered" never undoes "read").</summary>
public static class DeliveryStatuses
{
    /// <summary>An agent's reply on the timeline, not yet handed to the channel (it is sent from the outbox).</summary>
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";

    public static int Rank(string? status) => status switch
    {
        Sent => 1,
        Delivered => 2,
        Read => 3,
        Failed => 4,
        _ => 0,
    };

    /// <summary>Maps a channel's status word (WhatsApp's, email's) onto ours; null when it is not one we track.</summary>
    public static string? Normalize(string? channelStatus) => channelStatus?.Trim().ToLowerInvariant() switch
    {
        "sent" or "accepted" => Sent,
        "delivered" => Delivered,
        "read" => Read,
        "failed" or "bounced" or "suppressed" or "quarantined" or "filteredspam" => Failed,
        _ => null,
    };
}
