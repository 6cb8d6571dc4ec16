using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using static Connector.Core.Tests.Charter.CharterAssert;

namespace Connector.Core.Tests.Charter;

/// <summary>The charter's <c>dispositions:</c> section: the wrap-up codes, their labels and the channels offering them.</summary>
public sealed class DispositionsTests
{
    [Fact]
    public void Dispositions_keep_their_order_and_a_disposition_without_channels_is_offered_on_every_channel()
    {
        var policy = Valid("""
            dispositions:
              - code: resolved
                label: Resolved
              - { code: no-answer, label: No answer, channels: [voice] }
            """);

        Assert.Equal(
            [new Disposition("resolved", "Resolved", Enum.GetValues<Channel>()), new Disposition("no-answer", "No answer", [Channel.Voice])],
            policy.Dispositions, new DispositionComparer());
        Assert.Equal(["resolved", "no-answer"], policy.DispositionsFor(Channel.Voice).Select(d => d.Code));
        Assert.Equal(["resolved"], policy.DispositionsFor(Channel.Email).Select(d => d.Code));
    }

    [Fact]
    public void A_charter_without_dispositions_lists_none()
    {
        Assert.Empty(Valid("routing:\n  priorityMinutes: 5\n").Dispositions);
        Assert.Empty(Valid("dispositions:\n").Dispositions);
    }

    [Fact]
    public void A_code_listed_twice_is_refused_even_in_another_case()
    {
        SingleError("""
            dispositions:
              - { code: resolved, label: Resolved }
              - { code: Resolved, label: Done }
            """, 3, "dispositions[1].code", "'Resolved' is listed twice (first at dispositions[0].code)");
    }

    [Fact]
    public void An_unknown_key_in_a_disposition_is_named_with_the_key_it_probably_meant()
    {
        SingleError("""
            dispositions:
              - code: resolved
                lable: Resolved
                label: Resolved
            """, 3, "dispositions[0].lable", "unknown key; did you mean label?");
    }

    [Fact]
    public void A_disposition_without_a_label_is_refused_where_it_starts()
    {
        var error = SingleError("""
            dispositions:
              - code: resolved
                label: Resolved
              - code: escalated
            """, 4, "dispositions[1].label", "required");

        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void A_disposition_without_a_code_is_refused()
    {
        SingleError("""
            dispositions:
              - label: Resolved
            """, 2, "dispositions[0].code", "required");
    }

    [Theory]
    [InlineData("call back", "without spaces")]
    [InlineData("\"\"", "needs a value")]
    public void A_code_that_is_not_one_word_is_refused(string code, string messagePart)
    {
        SingleError($"""
            dispositions:
              - code: {code}
                label: Something
            """, 2, "dispositions[0].code", messagePart);
    }

    [Fact]
    public void An_unknown_channel_of_a_disposition_is_named_with_the_allowed_channels()
    {
        SingleError("""
            dispositions:
              - { code: no-answer, label: No answer, channels: [voice, phone] }
            """, 2, "dispositions[0].channels[1]", "unknown channel 'phone' (allowed: voice, chat, whatsapp, email)");
    }

    [Fact]
    public void An_empty_channel_list_is_refused_rather_than_taken_as_no_channel()
    {
        SingleError("""
            dispositions:
              - { code: no-answer, label: No answer, channels: [] }
            """, 2, "dispositions[0].channels", "at least one channel");
    }

    [Fact]
    public void Dispositions_must_be_a_list_of_mappings()
    {
        SingleError("dispositions:\n  resolved: Resolved\n", 2, "dispositions", "must be a list");
        SingleError("dispositions:\n  - resolved\n", 2, "dispositions[0]", "must be a mapping");
    }

    private sealed class DispositionComparer : IEqualityComparer<Disposition>
    {
        public bool Equals(Disposition? x, Disposition? y) =>
            x is not null && y is not null && (x.Code, x.Label) == (y.Code, y.Label) && x.Channels.SequenceEqual(y.Channels);

        public int GetHashCode(Disposition obj) => obj.Code.GetHashCode(StringComparison.Ordinal);
    }
}
