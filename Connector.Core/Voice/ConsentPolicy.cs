namespace Connector.Core.Voice;

/// <summary>
/// The recording consent announcement, per caller region. Recording starts only once the announcement has played
/// and the caller did not opt out with <see cref="ConsentTerms.OptOutDigit"/>.
/// </summary>
/// <param name="Regions">Overrides by ISO region of the caller's number (e.g. <c>DE</c>), over the default terms.</param>
public sealed record ConsentPolicy(ConsentTerms Default, IReadOnlyDictionary<string, ConsentTerms> Regions)
{
    public static ConsentPolicy None { get; } = new(new ConsentTerms(null, false, null), new Dictionary<string, ConsentTerms>());

    /// <param name="region">The caller's region, or null when unknown (an ACS user, a withheld number).</param>
    public ConsentTerms For(string? region) =>
        region is not null && Regions.TryGetValue(region.ToUpperInvariant(), out var terms) ? terms : Default;
}

/// <param name="Announcement">What the caller hears first (text to speak, or an http(s) audio file); null: nothing.</param>
/// <param name="Record">Whether the call is recorded once the announcement has played.</param>
/// <param name="OptOutDigit">A key the caller presses during the announcement to refuse recording; null: no opt-out.</param>
public sealed record ConsentTerms(string? Announcement, bool Record, char? OptOutDigit);
