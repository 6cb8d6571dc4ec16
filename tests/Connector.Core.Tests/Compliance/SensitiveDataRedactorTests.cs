using System.Text.RegularExpressions;
using Connector.Core.Compliance;

namespace Connector.Core.Tests.Compliance;

public sealed class SensitiveDataRedactorTests
{
    private readonly SensitiveDataRedactor _redactor = new();

    [Theory]
    [InlineData("My card is 4111 1111 1111 1111, expiry 12/29", "My card is [card number redacted], expiry 12/29")]
    [InlineData("card: 4111-1111-1111-1111", "card: [card number redacted]")]
    [InlineData("5500005555555559 please", "[card number redacted] please")]
    [InlineData("amex 378282246310005", "amex [card number redacted]")]
    [InlineData("4111 1111 1111 1111 12/29", "[card number redacted] 12/29")]
    [InlineData("4111111111111111 123", "[card number redacted] 123")]
    [InlineData("12 4111 1111 1111 1111", "12 [card number redacted]")]
    [InlineData("ref-4111111111111111", "ref-[card number redacted]")]
    [InlineData("4111.1111.1111.1111", "[card number redacted]")]
    [InlineData("4111  1111  1111  1111", "[card number redacted]")]
    [InlineData("4111/1111/1111/1111", "[card number redacted]")]
    [InlineData("four one one one one one one one one one one one one one one one", "[card number redacted]")]
    [InlineData("it's four one double one, one one one one, 1111 1111 thanks", "it's [card number redacted] thanks")]
    [InlineData("five five double zero zero zero five five, five five five five, five five five nine", "[card number redacted]")]
    public void Card_numbers_are_masked_however_they_are_written(string text, string expected)
    {
        Assert.Equal(expected, _redactor.Redact(text));
    }

    [Theory]
    [InlineData("Order 4111 1111 1111 1112 failed")] // fails the Luhn check: an order number, not a card
    [InlineData("Call me on +44 20 7946 0958")]
    [InlineData("Ticket 123456789")]
    [InlineData("Reference 2026-11-25")]
    [InlineData("Between 2026-11-25 and 2026-11-26 at 10:30")]
    [InlineData("We charged 1,234.56 on 12/11/2026, order 7000 0000 0000 0000")]
    [InlineData("Someone will call you in one or two days")]
    public void Numbers_that_are_not_sensitive_survive(string text)
    {
        Assert.Equal(text, _redactor.Redact(text));
        Assert.False(_redactor.ContainsSensitiveData(text));
    }

    [Theory]
    [InlineData("the cvv 123", "the cvv [CVV redacted]")]
    [InlineData("Security code is 4567.", "Security code is [CVV redacted].")]
    [InlineData("CVC: one two three", "CVC: [CVV redacted]")]
    [InlineData("room 123", "room 123")]
    public void Security_codes_are_masked_only_where_named(string text, string expected)
    {
        Assert.Equal(expected, _redactor.Redact(text));
    }

    [Theory]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32 thanks", "IBAN [IBAN redacted] thanks")]
    [InlineData("de89370400440532013000", "[IBAN redacted]")]
    [InlineData("GB82 WEST 1234 5698 7654 33", "GB82 WEST 1234 5698 7654 33")] // fails mod 97
    public void Ibans_are_masked_when_their_check_digits_hold(string text, string expected)
    {
        Assert.Equal(expected, _redactor.Redact(text));
    }

    [Theory]
    [InlineData("SSN 123-45-6789", "SSN [SSN redacted]")]
    [InlineData("ssn 123 45 6789.", "ssn [SSN redacted].")]
    [InlineData("NI number JG 12 34 56 C thanks", "NI number [NI number redacted] thanks")]
    [InlineData("ni AB123456D", "ni [NI number redacted]")]
    public void National_ids_are_masked(string text, string expected)
    {
        Assert.Equal(expected, _redactor.Redact(text));
    }

    [Fact]
    public void A_charter_pattern_masks_with_its_own_mask()
    {
        var redactor = new SensitiveDataRedactor([new RedactionPattern("DE", "Steuer-ID", new Regex(@"\b\d{2} \d{3} \d{3} \d{3}\b"), "[tax id redacted]")]);

        Assert.Equal("Steuer-ID [tax id redacted], Karte [card number redacted]", redactor.Redact("Steuer-ID 12 345 678 901, Karte 4111 1111 1111 1111"));
    }

    [Fact]
    public void Null_and_empty_text_pass_through()
    {
        Assert.Null(_redactor.Redact(null));
        Assert.Equal("", _redactor.Redact(""));
    }
}
