using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Zendesk.Tests;

/// <summary>Core's records as Zendesk's wire records and query text, without HTTP.</summary>
public sealed class ZendeskMappingTests
{
    private static readonly SensitiveDataRedactor Redactor = new();
    private static readonly CrmRecord Contact = new("user", "361000");

    [Fact]
    public void A_call_is_a_voice_comment_with_its_numbers_duration_agent_and_transcript_and_no_card_number()
    {
        var activity = Activity(Contact, Channel.Voice, "conv-1", "361001") with { Body = "Customer: card 4111 1111 1111 1111" };

        var ticket = ZendeskActivityMapper.Change(activity, Redactor).ForUpdate();

        var voice = ticket["voice_comment"]!;
        Assert.Null(ticket["comment"]);
        Assert.Equal("+442079460958", voice["from"]!.ToString());
        Assert.Equal("+442079460000", voice["to"]!.ToString());
        Assert.Equal(184, (int)voice["call_duration"]!);
        Assert.Equal(361001L, (long)voice["answered_by_id"]!);
        Assert.Equal("2026-11-30T09:30:00Z", voice["started_at"]!.ToString());
        Assert.DoesNotContain("4111", voice["transcription_text"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("conv-1:voice", ticket["metadata"]!["connector"]!["keys"]![0]!.ToString());
        Assert.Contains(ZendeskKeys.Tag("conv-1:voice"), ticket["additional_tags"]!.AsArray().Select(t => t!.ToString()));
    }

    [Fact]
    public void A_chat_is_a_private_comment_by_the_agent_with_subject_body_and_disposition()
    {
        var activity = Activity(Contact, Channel.Chat, "conv-2", "361001") with { Disposition = "Resolved" };

        var comment = ZendeskActivityMapper.Change(activity, Redactor).ForUpdate()["comment"]!;

        Assert.False((bool)comment["public"]!);
        Assert.Equal(361001L, (long)comment["author_id"]!);
        Assert.StartsWith("Chat from the customer\n\nAsked about the delivery date", comment["body"]!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("Disposition: Resolved", comment["body"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_ticket_carries_the_conversation_as_external_id_the_requester_the_tags_and_a_description()
    {
        var crmCase = Case("conv-3", Contact);

        var ticket = ZendeskCaseMapper.Change(crmCase, Redactor).ForCreate("conv-3", ZendeskCaseMapper.NewTicket(crmCase, Redactor), ["contact_centre"], followUpOf: 7);

        Assert.Equal("conv-3", ticket["external_id"]!.ToString());
        Assert.Equal(361000L, (long)ticket["requester_id"]!);
        Assert.Equal("The parcel has not arrived.", ticket["comment"]!["body"]!.ToString());
        Assert.Equal(7L, (long)ticket["via_followup_source_id"]!);
        Assert.Equal(["contact_centre", "channel_voice", ZendeskKeys.Tag("conv-3:case")], ticket["tags"]!.AsArray().Select(t => t!.ToString()));
    }

    [Theory]
    [InlineData("Closed", "solved")]
    [InlineData("resolved", "solved")]
    [InlineData("Pending", "pending")]
    [InlineData("In progress", "open")]
    [InlineData(null, null)]
    public void The_conversations_status_becomes_a_Zendesk_status(string? status, string? expected)
    {
        Assert.Equal(expected, ZendeskCaseMapper.Status(status));
    }

    [Theory]
    [InlineData("+15135557611", "role:end-user phone:*5135557611")]
    [InlineData("+442079460958", "role:end-user phone:*2079460958")]
    [InlineData("+447700900222", "role:end-user phone:*7700900222")]
    public void A_phone_is_searched_by_its_national_digits_after_a_star(string e164, string query)
    {
        Assert.Equal(query, ZendeskPhoneSearch.Query(e164));
    }

    [Theory]
    [InlineData("0b7c…:interaction:42", "0b7c…")]
    [InlineData("conv-1:voice", "conv-1")]
    [InlineData("standalone", "standalone")]
    public void The_conversation_key_is_what_comes_before_the_first_colon(string key, string conversation)
    {
        Assert.Equal(conversation, ZendeskKeys.Conversation(key));
    }

    [Fact]
    public void A_part_names_its_ticket_so_links_and_files_find_it()
    {
        var part = ZendeskKeys.Part(42, "conv-1:voice");

        Assert.Equal("42:conv-1:voice", part.RecordId);
        Assert.Equal(42, ZendeskKeys.TicketOf(part));
        Assert.Equal(42, ZendeskKeys.TicketOf(ZendeskKeys.Ticket(42)));
        Assert.Null(ZendeskKeys.TicketOf(Contact));
    }
}
