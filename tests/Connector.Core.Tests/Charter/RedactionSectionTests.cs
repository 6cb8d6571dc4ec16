using Connector.Core.Compliance;
using static Connector.Core.Tests.Charter.CharterAssert;

namespace Connector.Core.Tests.Charter;

/// <summary>The charter's <c>redaction:</c> section: extra patterns per region, checked when the charter is read.</summary>
public sealed class RedactionSectionTests
{
    [Fact]
    public void A_region_pattern_masks_its_values_with_its_mask_or_one_named_after_it()
    {
        var policy = Valid("""
            redaction:
              DE:
                - { name: Steuer-ID, pattern: '\b\d{2} \d{3} \d{3} \d{3}\b', mask: '[Steuer-ID entfernt]' }
              NL:
                - name: BSN
                  pattern: '\bBSN:? ?\d{9}\b'
            """);
        var redactor = new SensitiveDataRedactor(policy.Redaction);

        Assert.Equal(["DE", "NL"], policy.Redaction.Select(p => p.Region));
        Assert.Equal("ID 12 345 678 901 and [BSN redacted]", new SensitiveDataRedactor([policy.Redaction[1]]).Redact("ID 12 345 678 901 and BSN 123456782"));
        Assert.Equal("ID [Steuer-ID entfernt] and [BSN redacted]", redactor.Redact("ID 12 345 678 901 and BSN 123456782"));
    }

    [Fact]
    public void A_pattern_that_would_backtrack_for_ages_runs_in_linear_time_and_leaves_a_text_without_its_value_alone()
    {
        // On the backtracking engine (a+)+b over forty a's takes longer than any time-out, and the redactor would mask
        // the whole text to be safe; on the linear engine it simply finds nothing.
        var policy = Valid("""
            redaction:
              GB:
                - { name: code, pattern: '(a+)+b' }
            """);
        var text = new string('a', 40) + "!";

        Assert.Equal(text, new SensitiveDataRedactor(policy.Redaction).Redact(text));
        Assert.Equal("x [code redacted] y", new SensitiveDataRedactor(policy.Redaction).Redact("x aab y"));
    }

    [Fact]
    public void A_pattern_with_a_lookaround_the_linear_engine_cannot_run_still_masks_its_values()
    {
        var policy = Valid("""
            redaction:
              NL:
                - { name: BSN, pattern: '(?<=BSN:? ?)\d{9}\b' }
            """);

        Assert.Equal("BSN [BSN redacted], order 123456782", new SensitiveDataRedactor(policy.Redaction).Redact("BSN 123456782, order 123456782"));
    }

    [Fact]
    public void A_pattern_that_is_not_a_regular_expression_is_refused_on_its_line()
    {
        SingleError("""
            redaction:
              GB:
                - name: member number
                  pattern: 'M(\d{8}'
            """, 4, "redaction.GB[0].pattern", "is not a valid regular expression");
    }

    [Fact]
    public void A_pattern_matching_empty_text_is_refused()
    {
        SingleError("""
            redaction:
              GB:
                - { name: anything, pattern: '\d*' }
            """, 3, "redaction.GB[0].pattern", "matches empty text");
    }

    [Fact]
    public void A_region_that_is_not_a_two_letter_code_and_a_pattern_without_a_name_are_both_reported()
    {
        var errors = Invalid("""
            redaction:
              Germany:
                - { name: tax id, pattern: '\d{11}' }
              FR:
                - { pattern: '\d{13}' }
            """).Errors;

        Assert.Equal(["redaction.Germany", "redaction.FR[0].name"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_charter_without_redaction_adds_no_pattern()
    {
        Assert.Empty(Valid("routing:\n  priorityMinutes: 5\n").Redaction);
    }
}
