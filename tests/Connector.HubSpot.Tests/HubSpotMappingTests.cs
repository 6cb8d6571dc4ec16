using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Crm;
using Connector.HubSpot.Mapping;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.HubSpot.Tests;

/// <summary>Core's records as HubSpot's properties and search, without HTTP.</summary>
public sealed class HubSpotMappingTests
{
    private static readonly SensitiveDataRedactor Redactor = new();
    private static readonly CrmRecord Contact = new("contacts", "501");

    [Fact]
    public void A_call_carries_its_duration_in_milliseconds_its_direction_from_the_users_side_and_both_numbers()
    {
        var call = Activity(Contact, Channel.Voice, "map-1", "41629779");

        var properties = HubSpotActivityMapper.ToProperties(call, "connector_key", "outcome-id", ["11", "12"], Redactor);

        Assert.Equal("map-1:voice", properties["connector_key"]);
        Assert.Equal("184000", properties["hs_call_duration"]);
        Assert.Equal("INBOUND", properties["hs_call_direction"]);
        Assert.Equal("+442079460958", properties["hs_call_from_number"]);
        Assert.Equal("+442079460000", properties["hs_call_to_number"]);
        Assert.Equal("COMPLETED", properties["hs_call_status"]);
        Assert.Equal("outcome-id", properties["hs_call_disposition"]);
        Assert.Equal("41629779", properties["hubspot_owner_id"]);
        Assert.Equal("11;12", properties["hs_attachment_ids"]);
        Assert.Equal("2026-11-30T09:30:00.000Z", properties["hs_timestamp"]);
    }

    [Fact]
    public void WhatsApp_is_a_communication_logged_from_the_CRM_and_web_chat_a_note_both_titled_in_the_body()
    {
        var whatsApp = HubSpotActivityMapper.ToProperties(Activity(Contact, Channel.WhatsApp, "map-2", null), "connector_key", null, [], Redactor);
        var chat = HubSpotActivityMapper.ToProperties(Activity(Contact, Channel.Chat, "map-3", null), "connector_key", null, [], Redactor);

        Assert.Equal("WHATS_APP", whatsApp["hs_communication_channel_type"]);
        Assert.Equal("CRM", whatsApp["hs_communication_logged_from"]);
        Assert.StartsWith("<p><strong>WhatsApp from the customer</strong></p>", whatsApp["hs_communication_body"], StringComparison.Ordinal);
        Assert.StartsWith("<p><strong>Chat from the customer</strong></p>", chat["hs_note_body"], StringComparison.Ordinal);
        Assert.DoesNotContain("hubspot_owner_id", whatsApp.Keys);
    }

    [Fact]
    public void An_outbound_email_is_sent_from_the_service_address_with_its_headers_as_a_JSON_string()
    {
        var email = Activity(Contact, Channel.Email, "map-4", null) with { Direction = Direction.Out };

        var properties = HubSpotActivityMapper.ToProperties(email, "connector_key", null, [], Redactor);

        Assert.Equal("EMAIL", properties["hs_email_direction"]);
        using var headers = JsonDocument.Parse(properties["hs_email_headers"]!);
        Assert.Equal("support@contoso.example", headers.RootElement.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("customer@example.com", headers.RootElement.GetProperty("to")[0].GetProperty("email").GetString());
    }

    [Fact]
    public void Card_numbers_and_markup_in_a_body_are_redacted_and_encoded()
    {
        var call = Activity(Contact, Channel.Voice, "map-5", null) with { Body = "Card 4111 1111 1111 1111 <b>now</b>\nthanks" };

        var body = HubSpotActivityMapper.ToProperties(call, "connector_key", null, [], Redactor)["hs_call_body"]!;

        Assert.DoesNotContain("4111", body, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;now&lt;/b&gt;<br>thanks", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_case_is_a_ticket_in_the_closed_stage_of_the_configured_pipeline()
    {
        var options = new HubSpotOptions { TicketPipeline = "77", TicketOpenStage = "new", TicketClosedStage = "done" };

        var open = HubSpotTicketMapper.ToProperties(Case("map-6", Contact), options, Redactor);
        var closed = HubSpotTicketMapper.ToProperties(Case("map-6", Contact, status: "Closed"), options, Redactor);

        Assert.Equal(("77", "new"), (open["hs_pipeline"], open["hs_pipeline_stage"]));
        Assert.Equal("done", closed["hs_pipeline_stage"]);
        Assert.Equal("map-6:case", closed["connector_key"]);
    }

    [Fact]
    public void One_search_for_a_hundred_customers_stays_within_five_groups_and_twenty_five_filters()
    {
        var phones = Enumerable.Range(0, 100).Select(i => $"+4477009{i:D5}").ToList();
        var emails = Enumerable.Range(0, 100).Select(i => $"c{i}@example.com").ToList();

        var groups = HubSpotPhoneSearch.Groups(phones, emails);

        Assert.Equal(5, groups.Count);
        Assert.True(groups.Sum(g => g.Filters.Count) <= 25);
        Assert.All(groups.SelectMany(g => g.Filters), f => Assert.True(f.Values!.Count <= HubSpotPhoneSearch.MaxValuesPerFilter));
        Assert.Contains(groups, g => g.Filters[0] is { PropertyName: "hs_searchable_calculated_phone_number" } f && f.Values!.Contains("7700900007"));
        Assert.Contains(groups, g => g.Filters[0] is { PropertyName: "phone" } f && f.Values!.Contains("+447700900007"));
    }

    [Fact]
    public void Activities_and_tickets_are_associated_with_HubSpots_default_type_ids()
    {
        Assert.Equal(194, HubSpotAssociations.ToContact("calls", "1", "2").ToInput().Types[0].AssociationTypeId);
        Assert.Equal(81, HubSpotAssociations.ToContact("communications", "1", "2").ToInput().Types[0].AssociationTypeId);
        Assert.Equal(16, HubSpotAssociations.ToContact("tickets", "1", "2").ToInput().Types[0].AssociationTypeId);
        var callTicket = HubSpotAssociations.ActivityAndTicket("calls", "1", "9");
        Assert.Equal(("tickets", "9", 219), (callTicket.FromType, callTicket.FromId, callTicket.ToInput().Types[0].AssociationTypeId));
        Assert.Equal(83, HubSpotAssociations.ActivityAndTicket("communications", "1", "9").ToInput().Types[0].AssociationTypeId);
    }
}
