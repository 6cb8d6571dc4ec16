namespace Connector.Core.Voice;

/// <summary>
/// A one-key DTMF menu: each digit names a charter journey (its queue, skills and priority). A wrong key or no key
/// asks again, up to <see cref="Attempts"/> times; after that the call takes <see cref="Fallback"/>.
/// </summary>
/// <param name="Fallback">The journey after the last failed attempt; null: the voice channel's journey.</param>
public sealed record IvrMenu(string Prompt, IReadOnlyDictionary<char, string> Options, string? RetryPrompt, TimeSpan Timeout, int Attempts, string? Fallback)
{
    /// <param name="digits">What the caller pressed (null or empty: nothing before the time-out).</param>
    /// <param name="attempt">1 for the first prompt.</param>
    public IvrOutcome Choose(string? digits, int attempt)
    {
        if (digits is { Length: > 0 } && Options.TryGetValue(digits[0], out var journey))
        {
            return new IvrOutcome.Chosen(journey, digits[0]);
        }

        return attempt < Attempts ? new IvrOutcome.AskAgain(attempt + 1) : new IvrOutcome.Fallback(Fallback);
    }
}

/// <summary>What the menu decided after one attempt.</summary>
public abstract record IvrOutcome
{
    public sealed record Chosen(string Journey, char Digit) : IvrOutcome;

    public sealed record AskAgain(int Attempt) : IvrOutcome;

    /// <param name="Journey">Null: the voice channel's journey.</param>
    public sealed record Fallback(string? Journey) : IvrOutcome;
}
