using Connector.Core.Voice;

namespace Connector.Core.Tests.Voice;

public sealed class IvrMenuTests
{
    private static readonly IvrMenu Menu = new("For billing press 1, for technical support press 2.",
        new Dictionary<char, string> { ['1'] = "billing", ['2'] = "technical" }, "Sorry, that is not an option.", TimeSpan.FromSeconds(5), 2, "billing");

    [Fact]
    public void A_listed_key_chooses_its_journey() =>
        Assert.Equal(new IvrOutcome.Chosen("technical", '2'), Menu.Choose("2", 1));

    [Theory]
    [InlineData("7")]
    [InlineData("")]
    [InlineData(null)]
    public void A_wrong_key_or_silence_asks_again_until_the_attempts_run_out_then_falls_back(string? keys)
    {
        Assert.Equal(new IvrOutcome.AskAgain(2), Menu.Choose(keys, 1));
        Assert.Equal(new IvrOutcome.Fallback("billing"), Menu.Choose(keys, 2));
    }

    [Fact]
    public void Tone_names_become_keys_and_back()
    {
        Assert.Equal("56#", DtmfTones.ToKeys(["five", "six", "pound"]));
        Assert.Equal("asterisk", DtmfTones.ToName('*'));
        Assert.Null(DtmfTones.ToKey("eleven"));
    }
}
