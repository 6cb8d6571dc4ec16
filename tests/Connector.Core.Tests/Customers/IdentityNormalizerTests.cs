using Connector.Core.Customers;
using Microsoft.Extensions.Options;

namespace Connector.Core.Tests.Customers;

public sealed class IdentityNormalizerTests
{
    private static IdentityNormalizer InRegion(string? region) => new(Options.Create(new IdentityOptions { DefaultRegion = region }));

    [Theory]
    [InlineData("+44 7700 900123")]
    [InlineData("07700900123")]
    [InlineData("(07700) 900-123")]
    [InlineData("+44 (0)7700 900123")]
    [InlineData("00447700900123")]
    [InlineData(" +447700900123 ")]
    public void Phone_numbers_in_any_local_or_international_spelling_become_one_E164_number(string raw)
    {
        Assert.Equal("+447700900123", InRegion("GB").Normalize(IdentityKind.Phone, raw).Value);
    }

    [Theory]
    [InlineData("447700900123")]
    [InlineData("+447700900123")]
    public void WhatsApp_ids_are_international_even_when_a_default_region_is_set(string raw)
    {
        Assert.Equal("+447700900123", InRegion("GB").Normalize(IdentityKind.WhatsApp, raw).Value);
        Assert.Equal("+447700900123", InRegion("US").Normalize(IdentityKind.WhatsApp, raw).Value);
    }

    [Fact]
    public void A_national_number_without_a_default_region_is_refused_with_a_hint()
    {
        var ex = Assert.Throws<InvalidIdentityException>(() => InRegion(null).Normalize(IdentityKind.Phone, "07700900123"));

        Assert.Contains("Identity:DefaultRegion", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "07700 900222", "+447700900222")]
    [InlineData(" ", "07700 900222", "+447700900222")]
    [InlineData("US", "(202) 555-0142", "+12025550142")]
    public void A_region_of_its_own_overrides_the_default_region_only_when_it_is_set(string? own, string stored, string expected)
    {
        Assert.Equal(expected, InRegion("GB").InRegion(own).Normalize(IdentityKind.Phone, stored).Value);
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("12")]
    [InlineData("")]
    public void Things_that_are_not_phone_numbers_are_refused(string raw)
    {
        Assert.Throws<InvalidIdentityException>(() => InRegion("GB").Normalize(IdentityKind.Phone, raw));
    }

    [Theory]
    [InlineData("  Jane.Doe@Example.COM ", "jane.doe@example.com")]
    [InlineData("<jane@example.com>", "jane@example.com")]
    public void Emails_are_trimmed_and_lower_cased(string raw, string expected)
    {
        Assert.Equal(expected, InRegion(null).Normalize(IdentityKind.Email, raw).Value);
    }

    [Theory]
    [InlineData("jane")]
    [InlineData("jane@")]
    [InlineData("@example.com")]
    [InlineData("jane doe@example.com")]
    public void Malformed_emails_are_refused(string raw)
    {
        Assert.Throws<InvalidIdentityException>(() => InRegion(null).Normalize(IdentityKind.Email, raw));
    }

    [Fact]
    public void Chat_ids_are_kept_as_given_but_trimmed()
    {
        Assert.Equal("8:acs:1234-Abc", InRegion(null).Normalize(IdentityKind.Chat, " 8:acs:1234-Abc ").Value);
    }

    [Theory]
    [InlineData("phone:+447700900123", IdentityKind.Phone, "+447700900123")]
    [InlineData("EMAIL:A@B.example", IdentityKind.Email, "a@b.example")]
    [InlineData("chat:8:acs:x", IdentityKind.Chat, "8:acs:x")]
    public void Kind_colon_value_parses_as_used_in_the_read_api(string text, IdentityKind kind, string value)
    {
        Assert.Equal(new CustomerIdentity(kind, value), InRegion("GB").Parse(text));
    }

    [Theory]
    [InlineData("fax:123")]
    [InlineData("+447700900123")]
    public void An_identity_without_a_known_kind_is_refused_naming_the_kinds(string text)
    {
        var ex = Assert.Throws<InvalidIdentityException>(() => InRegion("GB").Parse(text));

        Assert.Contains("phone, whatsapp, email, chat", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GB", true)]
    [InlineData("us", true)]
    [InlineData("XQ", false)]
    public void Supported_regions_are_those_with_a_numbering_plan(string region, bool supported)
    {
        Assert.Equal(supported, IdentityNormalizer.IsSupportedRegion(region));
    }
}
