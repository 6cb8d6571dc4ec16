namespace Connector.Core.Bot;

/// <summary>
/// The intents that are not FAQ entries: asking for a person (built in, per language) and the charter's sensitive
/// intents. They are retrieved beside the FAQ, so "can I talk to someone about my bill" is weighed against the
/// billing entry rather than caught by a keyword.
/// </summary>
public static class BotIntents
{
    /// <summary>The intent of an explicit request for a person.</summary>
    public const string Person = "person";

    private const string Prefix = "intent:";

    private static readonly Dictionary<string, string[]> PersonPhrases = new(StringComparer.Ordinal)
    {
        ["en"] =
        [
            "I want to speak to a person", "Can I talk to a human please", "Put me through to an agent",
            "I'd like to speak to someone", "Connect me with a real person", "Let me talk to a member of staff",
            "Is there a human I can chat with", "agent please", "I need to speak with a customer service representative",
            "stop the bot, get me a person", "transfer me to an operator", "can a real person help me",
        ],
        ["de"] = ["Ich möchte mit einem Menschen sprechen", "Verbinden Sie mich mit einem Mitarbeiter", "Bitte einen echten Menschen"],
    };

    /// <summary>The retrieval id of <paramref name="intent"/>, kept apart from FAQ ids.</summary>
    public static string IdOf(string intent) => Prefix + intent;

    /// <summary>The intent a retrieval id names, or null when it is an FAQ entry.</summary>
    public static string? IntentOf(string id) => id.StartsWith(Prefix, StringComparison.Ordinal) ? id[Prefix.Length..] : null;

    /// <summary>The built-in phrases of asking for a person in <paramref name="language"/> (English when it has none).</summary>
    public static IReadOnlyList<string> PersonRequests(string language) =>
        PersonPhrases.TryGetValue(language, out var phrases) ? phrases : PersonPhrases["en"];
}
