namespace Connector.Worker.Crm;

/// <summary>What to do after a failed attempt: retry at <paramref name="RetryAt"/>, or dead-letter when it is null.</summary>
/// <param name="CountsAsAttempt">False for limit waits: they do not use up the attempts.</param>
public sealed record CrmRetryDecision(DateTimeOffset? RetryAt, bool CountsAsAttempt, string Reason)
{
    public bool DeadLetter => RetryAt is null;
}
