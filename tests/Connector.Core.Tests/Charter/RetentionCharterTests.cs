using Connector.Core.Compliance;
using static Connector.Core.Tests.Charter.CharterAssert;

namespace Connector.Core.Tests.Charter;

/// <summary>The charter's <c>retention:</c> section: how long each data kind is kept, per region.</summary>
public sealed class RetentionCharterTests
{
    [Fact]
    public void A_region_inherits_from_the_default_what_it_leaves_out_and_none_keeps_a_kind_for_good_there()
    {
        var retention = Valid("""
            retention:
              default: { recordings: 90d, messages: 730d, rawEvents: 30d }
              DE: { recordings: 30d }
              US: { messages: none }
            """).Retention;

        Assert.Equal(TimeSpan.FromDays(30), retention.For("DE", RetentionKind.Recordings));
        Assert.Equal(TimeSpan.FromDays(90), retention.For("GB", RetentionKind.Recordings));
        Assert.Equal(TimeSpan.FromDays(90), retention.For(null, RetentionKind.Recordings));
        Assert.Equal(TimeSpan.FromDays(730), retention.For("DE", RetentionKind.Messages));
        Assert.Null(retention.For("US", RetentionKind.Messages));
        Assert.Null(retention.For("DE", RetentionKind.Mail));
        Assert.Equal(TimeSpan.FromDays(30), retention.Shortest(RetentionKind.Recordings));
        Assert.Equal(TimeSpan.FromDays(730), retention.Shortest(RetentionKind.Messages));
        Assert.Null(retention.Shortest(RetentionKind.Outbox));
        Assert.Equal("DE.recordings", retention.RuleFor("DE", RetentionKind.Recordings));
        Assert.Equal("default.recordings", retention.RuleFor("GB", RetentionKind.Recordings));
    }

    [Fact]
    public void A_charter_without_retention_purges_nothing()
    {
        var retention = Valid("routing:\n  priorityMinutes: 5\n").Retention;

        Assert.All(Enum.GetValues<RetentionKind>(), kind => Assert.Null(retention.For("GB", kind)));
    }

    [Fact]
    public void A_region_that_is_no_ISO_code_is_refused_where_it_is_written()
    {
        SingleError("""
            retention:
              default: { mail: 365d }
              uk: { mail: 30d }
            """, 3, "retention.uk", "a region is 'default' or a two-letter ISO code in capitals");
    }

    [Fact]
    public void An_unknown_data_kind_is_named_with_the_kind_it_probably_meant()
    {
        SingleError("""
            retention:
              default:
                recording: 30d
            """, 3, "retention.default.recording", "unknown data kind; did you mean recordings?");
    }

    [Fact]
    public void A_zero_or_unreadable_period_is_refused_with_how_to_write_one()
    {
        SingleError("retention:\n  default: { outbox: 0s }\n", 2, "retention.default.outbox", "must be longer than 0s");
        SingleError("retention:\n  default: { outbox: 3 months }\n", 2, "retention.default.outbox", "not a duration (got '3 months')");
        SingleError("retention:\n  default: { outbox: 40000d }\n", 2, "retention.default.outbox", "at most 36500d; write none to keep it for good");
    }
}
