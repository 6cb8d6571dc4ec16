using System.Text.Json;
using System.Text.Json.Serialization;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Crm;
using Connector.Core.Customers;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Voice;

namespace Connector.Core.Tests;

public sealed class WireNamesTests
{
    [Fact]
    public void Every_wire_enum_is_named_as_the_api_serializes_it_and_read_back_from_that_name()
    {
        AssertNamedAsJson<Channel>();
        AssertNamedAsJson<IdentityKind>();
        AssertNamedAsJson<RoutingTaskState>();
        AssertNamedAsJson<ConversationState>();
        AssertNamedAsJson<Direction>();
        AssertNamedAsJson<TimelineEventType>();
        AssertNamedAsJson<CallPhase>();
        AssertNamedAsJson<OutboxState>();
        AssertNamedAsJson<CrmAttachmentKind>();
    }

    [Fact]
    public void The_stored_words_of_routing_states_channels_and_identity_kinds_do_not_change()
    {
        Assert.Equal(["queued", "offered", "assigned", "wrap_up", "completed", "abandoned"], WireNames.All<RoutingTaskState>());
        Assert.Equal(["voice", "chat", "whatsapp", "email"], WireNames.All<Channel>());
        Assert.Equal(["phone", "whatsapp", "email", "chat", "unverified-email"], WireNames.All<IdentityKind>());
        Assert.Equal(["pending", "done", "dead"], WireNames.All<OutboxState>());
        Assert.Equal(ChannelNames.All, WireNames.All<Channel>());
        Assert.Equal("whatsapp", Channel.WhatsApp.ToName());
    }

    [Fact]
    public void Names_are_read_ignoring_case_and_surrounding_blanks()
    {
        Assert.True(WireNames.TryParse<Channel>(" WhatsApp\t", out var channel));
        Assert.Equal(Channel.WhatsApp, channel);
        Assert.Equal(RoutingTaskState.WrapUp, WireNames.Parse<RoutingTaskState>("WRAP_UP"));
        Assert.Equal(IdentityKind.Phone, WireNames.Parse<IdentityKind>("phone "));
        Assert.True(ChannelNames.TryParse("Email", out channel));
        Assert.Equal(Channel.Email, channel);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("fax")]
    [InlineData("0")]
    [InlineData("Voice,Chat")]
    public void Anything_but_a_name_is_refused(string? name)
    {
        Assert.False(WireNames.TryParse<Channel>(name, out var channel));
        Assert.Equal(default, channel);
    }

    [Fact]
    public void An_unknown_name_fails_with_a_message_that_lists_the_allowed_ones()
    {
        Assert.Equal("Unknown channel 'fax'. Allowed: voice, chat, whatsapp, email.", Assert.Throws<FormatException>(() => ChannelNames.Parse("fax")).Message);
        Assert.Equal("Unknown routing task state 'waiting'. Allowed: queued, offered, assigned, wrap_up, completed, abandoned.",
            Assert.Throws<FormatException>(() => WireNames.Parse<RoutingTaskState>("waiting")).Message);
        Assert.Equal("phone, whatsapp, email, chat, unverified-email", WireNames.Allowed<IdentityKind>());
    }

    [Fact]
    public void A_value_outside_the_enum_has_no_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WireNames.Of((Channel)4));
        Assert.Throws<ArgumentOutOfRangeException>(() => WireNames.Of((Channel)(-1)));
    }

    [Fact]
    public void Naming_and_reading_a_value_allocates_nothing()
    {
        // Stores and intake do this for every row: once the enum's names are read, it must cost no garbage.
        var read = 0;
        read += WireNames.TryParse<RoutingTaskState>(" Wrap_Up ", out _) ? 1 : 0;
        var named = WireNames.Of(RoutingTaskState.WrapUp).Length;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            named += WireNames.Of(RoutingTaskState.WrapUp).Length;
            read += WireNames.TryParse<RoutingTaskState>(" Wrap_Up ", out _) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal((1001 * "wrap_up".Length, 1001), (named, read));
    }

    [Fact]
    public void An_enum_member_without_a_wire_name_is_refused_rather_than_sent_under_its_csharp_name()
    {
        var error = Assert.Throws<TypeInitializationException>(() => WireNames.Of(Unnamed.Named));
        Assert.Contains("Unnamed.Bare", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enums_whose_values_do_not_run_from_0_or_that_repeat_a_name_are_refused()
    {
        Assert.IsType<InvalidOperationException>(Assert.Throws<TypeInitializationException>(() => WireNames.Of(Gapped.First)).InnerException);
        Assert.IsType<InvalidOperationException>(Assert.Throws<TypeInitializationException>(() => WireNames.Of(Repeated.First)).InnerException);
        Assert.IsType<InvalidOperationException>(Assert.Throws<TypeInitializationException>(() => WireNames.Of(Narrow.First)).InnerException);
    }

    private static void AssertNamedAsJson<TEnum>() where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        Assert.Equal(values.Length, WireNames.All<TEnum>().Count);
        foreach (var value in values)
        {
            var name = WireNames.Of(value);
            Assert.Equal(JsonSerializer.Serialize(value), $"\"{name}\"");
            Assert.Equal(value, JsonSerializer.Deserialize<TEnum>($"\"{name}\""));
            Assert.Equal(value, WireNames.Parse<TEnum>(name));
        }
    }

    private enum Unnamed
    {
        [JsonStringEnumMemberName("named")] Named,
        Bare,
    }

    private enum Gapped
    {
        [JsonStringEnumMemberName("first")] First = 0,
        [JsonStringEnumMemberName("third")] Third = 2,
    }

    private enum Repeated
    {
        [JsonStringEnumMemberName("same")] First,
        [JsonStringEnumMemberName("Same")] Second,
    }

    private enum Narrow : byte
    {
        [JsonStringEnumMemberName("first")] First,
    }
}
