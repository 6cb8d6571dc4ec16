namespace Connector.Ai.Bot;

/// <summary>What the bot says when it is not answering from the FAQ, per language (English when it has none).</summary>
public static class BotTexts
{
    private static readonly Dictionary<string, (string Again, string HandOff)> Texts = new(StringComparer.Ordinal)
    {
        ["en"] = ("Sorry, I'm not sure I understood. Could you put it another way?", "I'm passing you to a member of our team, who can see our conversation so far."),
        ["de"] = ("Entschuldigung, das habe ich nicht verstanden. Können Sie es anders formulieren?", "Ich verbinde Sie mit einem Kollegen, der unser bisheriges Gespräch sieht."),
    };

    public static string AskAgain(string language) => (Texts.TryGetValue(language, out var t) ? t : Texts["en"]).Again;

    public static string HandingOff(string language) => (Texts.TryGetValue(language, out var t) ? t : Texts["en"]).HandOff;
}
