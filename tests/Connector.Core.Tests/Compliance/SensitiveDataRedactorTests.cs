using Connector.Core.Compliance;

namespace Connector.Core.Tests.Compliance;

public sealed class SensitiveDataRedactorTests
{
    private readonly SensitiveDataRedactor _redactor = new();

    [Theory]
    [InlineData("My card is 4111 1111 1111 1111, expiry 12/29")]
    [InlineData("card: 4111-1111-1111-1111")]
    [InlineData("5500005555555559 please")]
    [InlineData("amex 378282246310005")]
    public void Card_numbers_lose_every_digit(string text)
    {
        var redacted = _redactor.Redact(text)!;

        Assert.Contains(SensitiveDataRedactor.CardMask, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("1111", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("5559", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("0005", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Order 4111 1111 1111 1112 failed")] // fails the Luhn check: an order number, not a card
    [InlineData("Call me on +44 20 7946 0958")]
    [InlineData("Ticket 123456789")]
    [InlineData("Reference 2026-11-25")]
    public void Numbers_that_are_not_cards_survive(string text)
    {
        Assert.Equal(text, _redactor.Redact(text));
        Assert.False(_redactor.ContainsSensitiveData(text));
    }

    [Theory]
    [InlineData("SSN 123-45-6789", "SSN [national id redacted]")]
    [InlineData("NI number JG 12 34 56 C thanks", "NI number [national id redacted] thanks")]
    [InlineData("ni AB123456D", "ni [national id redacted]")]
    public void National_ids_are_masked(string text, string expected)
    {
        Assert.Equal(expected, _redactor.Redact(text));
    }

    [Fact]
    public void Null_and_empty_text_pass_through()
    {
        Assert.Null(_redactor.Redact(null));
        Assert.Equal("", _redactor.Redact(""));
    }
}
