using Connector.Core.Channels;

namespace Connector.Core.Bot;

/// <summary>
/// The charter's <c>bots.&lt;journey&gt;</c>: whether messages of that journey meet the bot before routing, the FAQ it
/// answers from, how sure it must be, what it never handles itself, and where it hands off to.
/// </summary>
/// <param name="Journey">The journey the bot fronts.</param>
/// <param name="Enabled">Off: the journey routes to people at once, as if the bot were not configured.</param>
/// <param name="Channels">Web chat and WhatsApp, or one of them.</param>
/// <param name="FaqPath">The FAQ file, resolved against the charter's folder.</param>
/// <param name="Language">The FAQ's language: retrieval is limited to it.</param>
/// <param name="Threshold">The fused retrieval score an answer needs (calibrated: see the README's bot section).</param>
/// <param name="SensitiveIntents">Topics the bot hands off however sure it is of an FAQ answer.</param>
/// <param name="HandOff">The routing of the task a hand-off opens, unless a sensitive intent names its own.</param>
public sealed record BotPolicy(
    string Journey,
    bool Enabled,
    IReadOnlyList<Channel> Channels,
    string FaqPath,
    string Language,
    double Threshold,
    IReadOnlyList<SensitiveIntent> SensitiveIntents,
    BotHandOffRule HandOff)
{
    /// <summary>The threshold calibrated on the sample FAQ's labelled utterances (tests/datasets/contact-centre/bot-utterances.tsv).</summary>
    public const double DefaultThreshold = 0.4;

    public bool Answers(Channel channel) => Enabled && Channels.Contains(channel);

    /// <summary>The hand-off routing for <paramref name="intent"/> (a sensitive intent's own, else the bot's).</summary>
    public BotHandOffRule HandOffFor(string? intent) =>
        SensitiveIntents.FirstOrDefault(s => s.Name == intent)?.HandOff ?? HandOff;
}
