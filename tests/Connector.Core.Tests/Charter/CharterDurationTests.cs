using Connector.Core.Charter;

namespace Connector.Core.Tests.Charter;

public sealed class CharterDurationTests
{
    [Theory]
    [InlineData("20s", 20)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("1m30s", 90)]
    [InlineData("1d2h", 93600)]
    [InlineData("90s", 90)]
    [InlineData("0s", 0)]
    [InlineData("0", 0)]
    [InlineData("00:00:20", 20)]
    [InlineData("1.00:00:00", 86400)]
    public void Durations_are_written_with_units_or_as_timespan_text(string text, int seconds)
    {
        Assert.True(CharterDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20")]
    [InlineData("5 minutes")]
    [InlineData("30s1m")]
    [InlineData("1m1m")]
    [InlineData("1.5h")]
    [InlineData("-5s")]
    [InlineData("20S")]
    [InlineData("99999999999999d")]
    public void Anything_else_is_not_a_duration(string text)
    {
        Assert.False(CharterDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(90, "1m30s")]
    [InlineData(0, "0s")]
    [InlineData(93600, "1d2h")]
    public void Durations_in_messages_read_as_they_are_written(int seconds, string text)
    {
        Assert.Equal(text, CharterDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}
