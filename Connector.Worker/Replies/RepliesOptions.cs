namespace Connector.Worker.Replies;

/// <summary>Configuration section <c>Replies</c>: how an agent's reply, recorded first, gets sent.</summary>
public sealed class RepliesOptions
{
    public const string Section = "Replies";

    /// <summary>
    /// How long the outbox leaves a just-recorded reply to the request, which sends it at once; after that (the
    /// request's Worker died, or ACS failed for the moment) the outbox job sends it, with the same repeatability id.
    /// </summary>
    public TimeSpan OutboxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a retry of a reply that is still being sent waits for its result before answering 202 with the pending entry.</summary>
    public TimeSpan RetryWait { get; set; } = TimeSpan.FromSeconds(5);
}
