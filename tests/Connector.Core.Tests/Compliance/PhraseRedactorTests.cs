using Connector.Core.Compliance;

namespace Connector.Core.Tests.Compliance;

public sealed class PhraseRedactorTests
{
    private readonly PhraseRedactor<int> _phrases = new(new SensitiveDataRedactor());

    [Fact]
    public void A_card_number_split_across_two_phrases_is_masked_in_both()
    {
        var first = _phrases.Next(1, "my card is 4111 1111");
        var second = _phrases.Next(2, "1111 1111 and the expiry is 12 29");

        Assert.Equal("my card is 4111 1111", first.Text);
        Assert.Empty(first.Revised);
        Assert.Equal("[card number redacted] and the expiry is 12 29", second.Text);
        Assert.Equal([new RevisedPhrase<int>(1, "my card is [card number redacted]")], second.Revised);
    }

    [Fact]
    public void Spoken_digits_split_across_three_phrases_are_masked_in_all_of_them()
    {
        _phrases.Next(1, "four one one one one");
        var second = _phrases.Next(2, "one one one one one");
        var third = _phrases.Next(3, "one one one one one one");

        Assert.Empty(second.Revised);
        Assert.Equal("[card number redacted]", third.Text);
        Assert.Equal([new RevisedPhrase<int>(1, "[card number redacted]"), new RevisedPhrase<int>(2, "[card number redacted]")], third.Revised);
    }

    [Fact]
    public void A_phrase_already_masked_is_not_revised_again()
    {
        var first = _phrases.Next(1, "card 4111 1111 1111 1111");
        var second = _phrases.Next(2, "thanks");

        Assert.Equal("card [card number redacted]", first.Text);
        Assert.Equal("thanks", second.Text);
        Assert.Empty(second.Revised);
    }
}
