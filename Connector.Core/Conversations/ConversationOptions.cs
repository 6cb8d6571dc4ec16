namespace Connector.Core.Conversations;

/// <summary>Configuration section <c>Conversations</c>.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>
    /// A customer's open conversation continues, on any channel, while its last activity is at most this old;
    /// after that the next contact opens a new conversation.
    /// </summary>
    public TimeSpan ContinuityWindow { get; set; } = TimeSpan.FromHours(72);
}
