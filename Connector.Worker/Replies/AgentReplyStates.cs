namespace Connector.Worker.Replies;

/// <summary>Where a recorded reply is: waiting to be sent (by the request, else the outbox), sent, or refused by the channel for good.</summary>
internal static class AgentReplyStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}
