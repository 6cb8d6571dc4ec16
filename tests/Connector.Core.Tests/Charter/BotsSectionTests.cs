using Connector.Core.Channels;
using Connector.Core.Charter;
using static Connector.Core.Tests.Charter.CharterAssert;

namespace Connector.Core.Tests.Charter;

/// <summary>The charter's <c>bots:</c> section: per journey, the bot before routing.</summary>
public sealed class BotsSectionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bots-charter").FullName;

    [Fact]
    public void A_bot_names_its_journey_FAQ_threshold_sensitive_intents_and_hand_off_routing()
    {
        File.WriteAllText(Path.Combine(folder, "faq.yaml"), "language: en\nentries: []\n");
        var policy = CharterLoader.Parse("""
            journeys:
              support: { preferredChannels: [chat, whatsapp], queue: chat }
              retention: { preferredChannels: [chat], queue: chat }
            bots:
              support:
                faq: faq.yaml
                channels: [whatsapp]
                threshold: 0.55
                handOff: { priority: 5 }
                sensitiveIntents:
                  cancellation:
                    phrases: [cancel my contract, close my account]
                    handOff: { journey: retention, priority: 20 }
            """, Path.Combine(folder, "charter.yaml"));

        var bot = policy.Bots["support"];
        Assert.Equal(Path.Combine(folder, "faq.yaml"), bot.FaqPath);
        Assert.Equal(0.55, bot.Threshold);
        Assert.Equal([Channel.WhatsApp], bot.Channels);
        Assert.True(bot.Answers(Channel.WhatsApp));
        Assert.False(bot.Answers(Channel.Chat));
        Assert.Equal(5, bot.HandOff.Priority);
        Assert.Equal(["cancel my contract", "close my account"], bot.SensitiveIntents.Single().Phrases);
        Assert.Equal("retention", bot.HandOffFor("cancellation").Journey);
    }

    [Fact]
    public void A_missing_FAQ_file_is_refused_on_its_line()
    {
        SingleError("""
            journeys:
              support: { preferredChannels: [chat], queue: chat }
            bots:
              support:
                faq: no-such-faq.yaml
            """, 5, "bots.support.faq", "no FAQ file at");
    }

    [Fact]
    public void A_bot_on_voice_or_an_unknown_journey_is_refused()
    {
        File.WriteAllText(Path.Combine(folder, "faq.yaml"), "language: en\nentries: []\n");
        var errors = Assert.Throws<CharterException>(() => CharterLoader.Parse("""
            bots:
              nowhere:
                faq: faq.yaml
                channels: [voice]
            """, Path.Combine(folder, "charter.yaml"))).Errors;

        Assert.Contains(errors, e => e.Field == "bots.nowhere.channels" && e.Message.Contains("chat and whatsapp only", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "bots.nowhere" && e.Message.Contains("nowhere", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
