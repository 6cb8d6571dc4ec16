using Connector.Ai.Assist;
using Connector.Core.Compliance;

namespace Connector.Ai.Tests.Assist;

public sealed class ReplyNormalizerTests
{
    private readonly ReplyNormalizer normalizer = new(new SensitiveDataRedactor());

    [Theory]
    [InlineData("Hi Carol, your order A-12345 ships today.", "Hi {name}, your order {order} ships today.")]
    [InlineData("Hello Dan Smith, order #88123 ships today", "Hello {name}, order {order} ships today")]
    [InlineData("My name is Ben and I can help. Write to help@example.com", "My name is {name} and I can help. Write to {email}")]
    [InlineData("It costs 12.50 and takes 3 days, see https://example.com/track?id=9", "It costs {number} and takes {number} days, see {link}")]
    public void Names_order_ids_numbers_addresses_and_links_become_placeholders(string reply, string expected) =>
        Assert.Equal(expected, normalizer.Normalize(reply));

    [Fact]
    public void A_card_number_is_redacted_before_anything_else_sees_it()
    {
        var normalized = normalizer.Normalize("I charged 4111 1111 1111 1111 for you");

        Assert.DoesNotContain("4111", normalized, StringComparison.Ordinal);
        Assert.DoesNotContain("1111", normalized, StringComparison.Ordinal);
    }

    [Fact]
    public void Case_punctuation_and_spacing_do_not_tell_two_replies_apart()
    {
        Assert.Equal(
            ReplyNormalizer.KeyOf(normalizer.Normalize("Your refund is on its way!")),
            ReplyNormalizer.KeyOf(normalizer.Normalize("your refund is on its   way.")));
    }
}
