using System.Globalization;
using Connector.Core.Channels;
using Connector.Zendesk.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Zendesk.Tests;

/// <summary>
/// Zendesk keeps at most 5,000 comments on a ticket. A conversation that reaches it continues in a follow-up ticket
/// with the same external_id, linked both ways, and nothing written for it is lost or written twice.
/// </summary>
public sealed class ZendeskCommentCeilingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ticket_at_5000_comments_continues_in_a_linked_follow_up_ticket_and_nothing_is_lost()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        var fake = host.Fake;
        var customer = fake.SeedUser("Long Talker", "+44 20 7946 0777", "talker@example.com");
        var full = fake.SeedTicket(customer, "conv-long", "Endless questions", commentCount: 5000);
        var contact = new Connector.Core.Crm.CrmRecord("user", customer.ToString(CultureInfo.InvariantCulture));

        var chat = await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Chat, "conv-long", fake.AgentId.ToString(CultureInfo.InvariantCulture)), Ct);
        var transcript = await host.Adapter.Attachments.AttachAsync(Transcript("conv-long", chat, "Agent: still here"), Ct);
        var replayed = await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Chat, "conv-long", fake.AgentId.ToString(CultureInfo.InvariantCulture)), Ct);

        var tickets = fake.Tickets().Where(t => t.ExternalId == "conv-long").OrderBy(t => t.Id).ToList();
        Assert.Equal(2, tickets.Count);
        var (first, followUp) = (tickets[0], tickets[1]);
        Assert.Equal(full, first.Id);
        Assert.Equal(5000, first.CommentCount);
        Assert.Contains($"continued_in_{followUp.Id}", first.Tags);
        Assert.Contains($"continued_from_{first.Id}", followUp.Tags);
        Assert.Contains($"#{first.Id}", followUp.Subject, StringComparison.Ordinal);
        Assert.Equal(customer, followUp.RequesterId);
        // The refused comment is on the follow-up, once, and the transcript followed it there.
        Assert.Equal($"{followUp.Id}:conv-long:chat", chat.RecordId);
        Assert.Equal(chat, replayed);
        Assert.Equal($"{followUp.Id}:conv-long:transcript", transcript.RecordId);
        Assert.Equal(2, followUp.Comments.Count());
        Assert.Contains("delivery date", followUp.Comments.First().Body, StringComparison.Ordinal);
        Assert.Equal("transcript-conv-long.txt", Assert.Single(followUp.Comments.Last().Attachments).FileName);
        Assert.Contains(fake.Requests, r => r is { Method: "PUT", StatusCode: 422 } && r.Path == $"/api/v2/tickets/{first.Id}");
    }

    [Fact]
    public async Task In_a_batch_the_interaction_on_a_full_ticket_continues_in_a_follow_up_and_the_others_are_untouched()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        var fake = host.Fake;
        var customer = fake.SeedUser("Long Talker", "+44 20 7946 0777", null);
        var contact = new Connector.Core.Crm.CrmRecord("user", customer.ToString(CultureInfo.InvariantCulture));
        var agent = fake.AgentId.ToString(CultureInfo.InvariantCulture);
        var full = fake.SeedTicket(customer, "conv-a", "Full", commentCount: 5000);
        fake.SeedTicket(customer, "conv-b", "Roomy");

        var outcomes = await host.Adapter.Interactions.WriteInteractionsAsync([Interaction("conv-a", contact, agent), Interaction("conv-b", contact, agent)], Ct);

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Failure?.Message));
        var a = fake.Tickets().Where(t => t.ExternalId == "conv-a").OrderBy(t => t.Id).ToList();
        Assert.Equal(2, a.Count);
        Assert.Equal(full, a[0].Id);
        Assert.Equal(2, a[1].Comments.Count()); // the voice comment, then the files
        Assert.Equal(2, a[1].Comments.Last().Attachments.Count);
        Assert.Equal(a[0].Id.ToString(CultureInfo.InvariantCulture), outcomes[0].Result!.Written["conv-a:case"].RecordId);
        Assert.Single(fake.Tickets(), t => t.ExternalId == "conv-b");
    }

    [Fact]
    public async Task A_closed_ticket_is_followed_up_as_Zendesk_links_follow_ups()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        var fake = host.Fake;
        var customer = fake.SeedUser("Returning", "+44 20 7946 0777", null);
        var closed = fake.SeedTicket(customer, "conv-old", "Closed long ago", status: "closed");
        var contact = new Connector.Core.Crm.CrmRecord("user", customer.ToString(CultureInfo.InvariantCulture));

        var written = await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.WhatsApp, "conv-old", null), Ct);

        var followUp = Assert.Single(fake.Tickets(), t => t.ExternalId == "conv-old" && t.Id != closed);
        Assert.Equal(closed, followUp.FollowUpSourceId);
        Assert.Equal($"{followUp.Id}:conv-old:whatsapp", written.RecordId);
    }
}
