using System.Globalization;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Crm;
using Connector.Fakes.Crm.Zendesk;
using Connector.Zendesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Zendesk.Tests;

/// <summary>
/// <c>Crm:Zendesk:TalkPartnerEdition=true</c>: a call that opens its conversation's ticket opens a Talk Partner Edition
/// voice ticket (<c>POST /api/v2/channels/voice/tickets</c>, via_id 45 inbound / 46 outbound) instead of a plain one;
/// an account without Talk Partner Edition refuses the endpoint, as Zendesk does.
/// </summary>
public sealed class ZendeskTalkPartnerEditionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_opens_a_voice_ticket_through_the_talk_partner_edition_endpoint_and_a_replay_writes_nothing()
    {
        await using var host = await StartAsync(accountHasIt: true);
        var fake = host.Fake;
        var contact = new CrmRecord("user", fake.SeedUser("Caller", "+44 20 7946 0401", null).ToString(CultureInfo.InvariantCulture));
        var call = Interaction("conv-tpe", contact, fake.AgentId.ToString(CultureInfo.InvariantCulture));

        await host.Adapter.Interactions.WriteInteractionAsync(call, Ct);
        var requests = fake.ApiRequestCount;
        await host.Adapter.Interactions.WriteInteractionAsync(call, Ct);

        var ticket = Assert.Single(fake.Tickets());
        Assert.Equal(45, ticket.ViaId);
        Assert.Equal("conv-tpe", ticket.ExternalId);
        var voice = ticket.Comments.First();
        Assert.Equal("VoiceComment", voice.Type);
        Assert.Equal("+442079460958", voice.VoiceData!["from"]!.ToString());
        Assert.Single(fake.Requests, r => r is { Method: "POST", Path: "/api/v2/channels/voice/tickets", StatusCode: 201 });
        Assert.DoesNotContain(fake.Requests, r => r is { Method: "POST", Path: "/api/v2/tickets" or "/api/v2/tickets/create_many" });
        Assert.Equal(requests + 1, fake.ApiRequestCount); // the replay's ticket lookup, nothing written
    }

    [Fact]
    public async Task In_a_batch_each_call_opens_its_own_voice_ticket_and_an_outbound_call_is_via_46()
    {
        await using var host = await StartAsync(accountHasIt: true);
        var fake = host.Fake;
        var agent = fake.AgentId.ToString(CultureInfo.InvariantCulture);
        var first = new CrmRecord("user", fake.SeedUser("In", "+44 20 7946 0402", null).ToString(CultureInfo.InvariantCulture));
        var second = new CrmRecord("user", fake.SeedUser("Out", "+44 20 7946 0403", null).ToString(CultureInfo.InvariantCulture));
        var outbound = Interaction("conv-out", second, agent);
        outbound = outbound with { Activity = outbound.Activity with { Direction = Direction.Out } };

        var outcomes = await host.Adapter.Interactions.WriteInteractionsAsync([Interaction("conv-in", first, agent), outbound], Ct);

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Failure?.Message));
        Assert.Equal(45, fake.Tickets().Single(t => t.ExternalId == "conv-in").ViaId);
        Assert.Equal(46, fake.Tickets().Single(t => t.ExternalId == "conv-out").ViaId);
        Assert.Equal(2, fake.Requests.Count(r => r is { Method: "POST", Path: "/api/v2/channels/voice/tickets" }));
        // The calls' files still go together in one update_many.
        Assert.All(fake.Tickets(), t => Assert.Equal(2, t.Comments.Last().Attachments.Count));
    }

    [Fact]
    public async Task An_account_without_talk_partner_edition_refuses_voice_tickets_with_403()
    {
        await using var host = await StartAsync(accountHasIt: false);
        var fake = host.Fake;
        var contact = new CrmRecord("user", fake.SeedUser("Caller", "+44 20 7946 0404", null).ToString(CultureInfo.InvariantCulture));

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() =>
            host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, "conv-no-tpe", fake.AgentId.ToString(CultureInfo.InvariantCulture)), Ct));

        Assert.Equal(403, refused.StatusCode);
        Assert.Empty(fake.Tickets());
    }

    [Fact]
    public async Task With_talk_partner_edition_the_adapter_declares_screen_pop_and_shows_the_ticket_to_the_agent()
    {
        await using var host = await StartAsync(accountHasIt: true);
        var fake = host.Fake;
        var ticket = fake.SeedTicket(fake.SeedUser("Caller", "+44 20 7946 0405", null), "conv-pop", "Call");
        var screen = host.Services.GetRequiredService<ICrmScreenPop>();

        await screen.ShowAsync(fake.AgentId.ToString(CultureInfo.InvariantCulture), new CrmRecord("ticket", ticket.ToString(CultureInfo.InvariantCulture)), Ct);
        var unknownAgent = await Assert.ThrowsAsync<CrmRequestFailedException>(() =>
            screen.ShowAsync("999999", new CrmRecord("ticket", ticket.ToString(CultureInfo.InvariantCulture)), Ct));

        Assert.True(host.Adapter.Descriptor.Can(CrmCapabilities.ScreenPop));
        Assert.Equal(new FakeZendeskDisplay(fake.AgentId, "ticket", ticket), Assert.Single(fake.Displays));
        Assert.Single(fake.Requests, r => r is { Method: "POST", StatusCode: 200 } && r.Path == $"/api/v2/channels/voice/agents/{fake.AgentId}/tickets/{ticket}/display");
        Assert.Equal(404, unknownAgent.StatusCode);
    }

    [Fact]
    public async Task Without_talk_partner_edition_configured_the_adapter_does_not_declare_screen_pop()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);

        Assert.False(host.Adapter.Descriptor.Can(CrmCapabilities.ScreenPop));
    }

    private static Task<ZendeskAdapterHost> StartAsync(bool accountHasIt) => ZendeskAdapterHost.StartAsync(
        Ct, settings => settings["Crm:Zendesk:TalkPartnerEdition"] = "true", fakeOptions: new FakeZendeskOptions { TalkPartnerEdition = accountHasIt });
}
