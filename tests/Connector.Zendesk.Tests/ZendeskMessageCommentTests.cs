using System.Globalization;
using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.Zendesk.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Zendesk.Tests;

/// <summary>
/// An interaction that comes message by message is the ticket's conversation: one comment per message with its
/// author and visibility (the customer's public by the requester, the agent's replies public by the agent, notes
/// private), then the interaction's private summary; the case's priority and status on the ticket; and a replay
/// that writes nothing.
/// </summary>
public sealed class ZendeskMessageCommentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chat_becomes_one_comment_per_message_with_its_author_and_a_replay_writes_nothing()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        var fake = host.Fake;
        var customer = fake.SeedUser("Chatty Customer", "+44 20 7946 0111", "chatty@example.com");
        var contact = new CrmRecord("user", customer.ToString(CultureInfo.InvariantCulture));
        var interaction = ChatWithMessages("conv-msg", contact, fake.AgentId) with
        {
            Case = Case("conv-msg", contact) with { Origin = Channel.Chat, Priority = CrmPriority.High },
        };

        var result = await host.Adapter.Interactions.WriteInteractionAsync(interaction, Ct);
        var requests = fake.ApiRequestCount;
        var replayed = await host.Adapter.Interactions.WriteInteractionAsync(interaction, Ct);

        var ticket = Assert.Single(fake.Tickets());
        var comments = ticket.Comments.ToList();
        Assert.Equal(5, comments.Count);
        Assert.Equal(("Where is my parcel?", true, customer), (comments[0].Body, comments[0].Public, comments[0].AuthorId));
        Assert.Equal(("It left the depot this morning.", true, fake.AgentId), (comments[1].Body, comments[1].Public, comments[1].AuthorId));
        Assert.Equal(("Thanks!", true, customer), (comments[2].Body, comments[2].Public, comments[2].AuthorId));
        Assert.Equal(($"Customer paid with card {Connector.Core.Compliance.RedactionMasks.Card}", false, fake.AgentId), (comments[3].Body, comments[3].Public, comments[3].AuthorId));
        // The summary: private, by the agent, without the conversation a second time.
        Assert.False(comments[4].Public);
        Assert.Equal(fake.AgentId, comments[4].AuthorId);
        Assert.DoesNotContain("Where is my parcel?", comments[4].Body, StringComparison.Ordinal);
        Assert.Equal(customer, ticket.RequesterId);
        Assert.Equal("high", ticket.Priority);
        Assert.Equal("solved", ticket.Status);
        Assert.DoesNotContain(fake.Requests, r => System.Text.Encoding.UTF8.GetString(r.Body).Contains("4111", StringComparison.Ordinal));
        // The replay finds every part by its tag in one ticket lookup and writes nothing.
        Assert.Equal(result.Written.OrderBy(w => w.Key), replayed.Written.OrderBy(w => w.Key));
        Assert.Equal(requests + 1, fake.ApiRequestCount);
        Assert.Equal(5, Assert.Single(fake.Tickets()).Comments.Count());
    }

    [Fact]
    public async Task A_replay_after_a_partial_write_adds_only_the_missing_messages()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        var fake = host.Fake;
        var customer = fake.SeedUser("Chatty Customer", "+44 20 7946 0112", null);
        var contact = new CrmRecord("user", customer.ToString(CultureInfo.InvariantCulture));
        var whole = ChatWithMessages("conv-part", contact, fake.AgentId);
        // The first attempt got as far as the first two messages (the rest of its writes never happened).
        var firstTwo = whole with { Activity = whole.Activity with { Messages = whole.Activity.Messages!.Take(2).ToList() } };
        await host.Adapter.Activities.WriteActivityAsync(firstTwo.Activity with { IdempotencyKey = "conv-part:other" }, Ct);

        await host.Adapter.Interactions.WriteInteractionAsync(whole with { Activity = whole.Activity with { IdempotencyKey = "conv-part:other" } }, Ct);

        var bodies = Assert.Single(fake.Tickets()).Comments.Select(c => c.Body).ToList();
        Assert.Equal(1, bodies.Count(b => b == "Where is my parcel?"));
        Assert.Equal(1, bodies.Count(b => b == "Thanks!"));
        Assert.Equal(1, bodies.Count(b => b == $"Customer paid with card {Connector.Core.Compliance.RedactionMasks.Card}"));
    }

    [Fact]
    public async Task In_a_batch_every_interaction_gets_its_messages_on_its_own_ticket()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        var fake = host.Fake;
        var first = new CrmRecord("user", fake.SeedUser("First", "+44 20 7946 0113", null).ToString(CultureInfo.InvariantCulture));
        var second = new CrmRecord("user", fake.SeedUser("Second", "+44 20 7946 0114", null).ToString(CultureInfo.InvariantCulture));

        var outcomes = await host.Adapter.Interactions.WriteInteractionsAsync(
            [ChatWithMessages("conv-b1", first, fake.AgentId), ChatWithMessages("conv-b2", second, fake.AgentId)], Ct);

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Failure?.Message));
        Assert.Equal(2, fake.Tickets().Count);
        Assert.All(fake.Tickets(), t =>
        {
            Assert.Equal(5, t.Comments.Count());
            Assert.Equal(t.RequesterId, t.Comments.First().AuthorId);
            Assert.Equal(2, t.Comments.Count(c => c.Public && c.AuthorId == t.RequesterId));
        });
    }

    private static CrmInteraction ChatWithMessages(string conversation, CrmRecord contact, long agentId)
    {
        var agent = agentId.ToString(CultureInfo.InvariantCulture);
        var activity = Activity(contact, Channel.Chat, conversation, agent) with
        {
            Disposition = "Answered",
            Messages =
            [
                new CrmMessage(Start, CrmMessageAuthor.Customer, "Where is my parcel?", Public: true),
                new CrmMessage(Start.AddMinutes(1), CrmMessageAuthor.Agent, "It left the depot this morning.", Public: true, agent),
                new CrmMessage(Start.AddMinutes(2), CrmMessageAuthor.Customer, "Thanks!", Public: true),
                new CrmMessage(Start.AddMinutes(3), CrmMessageAuthor.Agent, "Customer paid with card 4111 1111 1111 1111", Public: false, agent),
            ],
        };
        return new CrmInteraction(activity, Case(conversation, contact) with { Origin = Channel.Chat }, []);
    }
}
