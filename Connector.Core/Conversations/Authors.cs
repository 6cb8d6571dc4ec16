namespace Connector.Core.Conversations;

/// <summary>The authors a timeline event may name besides the customer (in) and agents (out).</summary>
public static class Authors
{
    /// <summary>The bot that answers web chat and WhatsApp before routing.</summary>
    public const string Bot = "bot";
}
