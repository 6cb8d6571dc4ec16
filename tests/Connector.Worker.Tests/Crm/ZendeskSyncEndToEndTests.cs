using System.Net.Http.Json;
using System.Text;
using Connector.Core.Outbox;
using Connector.Fakes.Crm.Zendesk;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// End to end: a Worker process with Crm:Provider=Zendesk, a fake Zendesk that speaks the Support API's wire format,
/// and a WhatsApp conversation taken through routing, an agent reply and wrap-up.
/// </summary>
public sealed class ZendeskSyncEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wrapped_up_WhatsApp_conversation_is_one_end_user_and_one_ticket_holding_the_redacted_conversation(bool killedMidSync)
    {
        await using var setup = await WorkerWithFakeZendesk.StartAsync();
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        await AnnIsAZendeskAgentAsync(setup);
        var conversation = await setup.ConversationAsync("+447700900123", "ann", "My card 4111 1111 1111 1111 was charged twice", "Sorry about that, I have refunded it.");
        if (!killedMidSync)
        {
            await setup.WrapUpAsync(conversation, "ann", "Refund issued", "Refund of duplicate charge");
        }
        else
        {
            // Hold every crm_links write (reads go on), so that the Worker writes the interaction to Zendesk and then
            // blocks before it can keep what Zendesk answered: SIGKILL lands exactly there.
            await Eventually.TrueAsync(async () => (await setup.Outbox.ListAsync(null, Ct)).Where(r => r.Kind == OutboxKind.ContactSync).All(r => r.State == OutboxState.Done),
                Timeout, setup.Describe);
            await using var connection = await setup.Database.OpenConnectionAsync(Ct);
            await using var hold = await connection.BeginTransactionAsync(Ct);
            await using (var command = new Npgsql.NpgsqlCommand("LOCK TABLE crm_links IN EXCLUSIVE MODE", connection, hold))
            {
                await command.ExecuteNonQueryAsync(Ct);
            }

            await setup.WrapUpAsync(conversation, "ann", "Refund issued", "Refund of duplicate charge");
            await Eventually.TrueAsync(() => Task.FromResult(setup.Zendesk.Tickets().Any(t => t.ExternalId == conversation.ToString())), Timeout, setup.Describe);
            await Eventually.TrueAsync(async () => await BlockedOnCrmLinksAsync(connection), Timeout, setup.Describe);
            await setup.KillAsync();
            await hold.RollbackAsync(Ct);
            Assert.Contains(await setup.Outbox.ListAsync(OutboxState.Pending, Ct), r => r.Kind == OutboxKind.InteractionSync);
            Assert.Single(setup.Zendesk.Tickets());
            await setup.RestartAsync();
        }

        await setup.UntilOutboxDrainedAsync(Timeout);
        var user = Assert.Single(setup.Zendesk.Users(), u => u.Role == "end-user");
        Assert.Contains(user.Identities, i => i is { Type: "phone_number", Value: "+447700900123" });
        var ticket = Assert.Single(setup.Zendesk.Tickets());
        Assert.Equal(conversation.ToString(), ticket.ExternalId);
        Assert.Equal(user.Id, ticket.RequesterId);
        Assert.Equal("solved", ticket.Status);
        Assert.Contains("Refund issued", ticket.Subject, StringComparison.Ordinal);
        Assert.Contains("channel_whatsapp", ticket.Tags);
        Assert.Equal("normal", ticket.Priority); // the charter's default journey: priority 0
        // The conversation is on the ticket one comment per message, with its author and visibility, once, even after
        // the kill: the customer's as the requester's public comments, the agent's reply as the agent's, the wrap-up's
        // notes private, then the connector's private summary.
        var comments = ticket.Comments.ToList();
        Assert.Equal(5, comments.Count);
        Assert.Equal(("Hello?", true, user.Id), (comments[0].Body, comments[0].Public, comments[0].AuthorId));
        Assert.Equal(("My card [card number redacted] was charged twice", true, user.Id), (comments[1].Body, comments[1].Public, comments[1].AuthorId));
        Assert.Equal(("Sorry about that, I have refunded it.", true, setup.Zendesk.AgentId), (comments[2].Body, comments[2].Public, comments[2].AuthorId));
        Assert.Equal(("Refund of duplicate charge", false, setup.Zendesk.AgentId), (comments[3].Body, comments[3].Public, comments[3].AuthorId));
        Assert.False(comments[4].Public);
        Assert.Contains("Refund issued", comments[4].Body, StringComparison.Ordinal);
        // The card number never reached Zendesk, in any request.
        Assert.DoesNotContain(setup.Zendesk.Requests, r => Encoding.UTF8.GetString(r.Body).Contains("4111 1111 1111 1111", StringComparison.Ordinal));
        Assert.DoesNotContain(setup.Zendesk.Requests, r => Encoding.UTF8.GetString(r.Body).Contains("4111111111111111", StringComparison.Ordinal));
        Assert.Contains(await setup.Outbox.ListAsync(OutboxState.Done, Ct), r => r.Kind == OutboxKind.InteractionSync && r.IdempotencyKey.StartsWith($"{conversation}:interaction:", StringComparison.Ordinal));
        // Without Crm:Zendesk:TalkPartnerEdition there is no screen-pop: no outbox row for it, no display request.
        Assert.DoesNotContain(await setup.Outbox.ListAsync(null, Ct), r => r.Kind == OutboxKind.CrmScreenPop);
        Assert.Empty(setup.Zendesk.Displays);
    }

    [Fact]
    public async Task With_talk_partner_edition_an_accepted_WhatsApp_offer_opens_the_conversations_ticket_for_the_agent_and_the_wrap_up_writes_into_it()
    {
        await using var setup = await WorkerWithFakeZendesk.StartAsync(
            new Dictionary<string, string?> { ["Crm:Zendesk:TalkPartnerEdition"] = "true" }, new FakeZendeskOptions { TalkPartnerEdition = true });
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        await AnnIsAZendeskAgentAsync(setup);

        var conversation = await setup.ConversationAsync("+447700900124", "ann", "Where is my parcel?", "On its way.");

        // The pop does not wait for the wrap-up: the ticket is created (looked up by external_id first) and shown.
        await Eventually.TrueAsync(() => Task.FromResult(setup.Zendesk.Displays.Count > 0), Timeout, setup.Describe);
        var ticket = Assert.Single(setup.Zendesk.Tickets());
        Assert.Equal(conversation.ToString(), ticket.ExternalId);
        Assert.Equal(new FakeZendeskDisplay(setup.Zendesk.AgentId, "ticket", ticket.Id), Assert.Single(setup.Zendesk.Displays));
        await setup.WrapUpAsync(conversation, "ann", "Answered", "Parcel tracked");
        await setup.UntilOutboxDrainedAsync(Timeout);
        ticket = Assert.Single(setup.Zendesk.Tickets());
        Assert.Contains(ticket.Comments, c => c.Body == "On its way.");
        Assert.Single(await setup.Outbox.ListAsync(null, Ct), r => r.Kind == OutboxKind.CrmScreenPop);
    }

    [Fact]
    public async Task A_storm_of_429s_holds_the_work_and_it_drains_with_nothing_lost_or_duplicated()
    {
        await using var setup = await WorkerWithFakeZendesk.StartAsync();
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        setup.Zendesk.ThrottleNext(25);
        var first = await setup.ConversationAsync("+447700900201", "ann", "First question", "First answer");
        var second = await setup.ConversationAsync("+447700900202", "ann", "Second question", "Second answer");
        await setup.WrapUpAsync(first, "ann", "Answered", "one");
        await setup.WrapUpAsync(second, "ann", "Answered", "two");

        await setup.UntilOutboxDrainedAsync(Timeout);
        Assert.DoesNotContain(await setup.Outbox.ListAsync(null, Ct), r => r.State == OutboxState.Dead);
        Assert.Equal(2, setup.Zendesk.Users().Count(u => u.Role == "end-user"));
        Assert.Equal(2, setup.Zendesk.Tickets().Count);
        // Each message once: "Hello?", the question, the answer, the notes, and the summary.
        Assert.All(setup.Zendesk.Tickets(), t => Assert.Equal(5, t.Comments.Count()));
        Assert.All(setup.Zendesk.Tickets(), t => Assert.Single(t.Comments, c => c.Body is "First question" or "Second question"));
        Assert.True(setup.Zendesk.Requests.Count(r => r.StatusCode == 429) >= 25, setup.Describe());
    }

    /// <summary>Ann's Zendesk user is the fake's agent, so her replies and notes are hers on the ticket.</summary>
    private static async Task AnnIsAZendeskAgentAsync(WorkerWithFakeZendesk setup)
    {
        var agent = new { name = "ann", capacityProfile = "standard", languages = new[] { "en" }, crmUserId = setup.Zendesk.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        (await setup.Worker.Http.PutAsJsonAsync("/api/agents/ann", agent, Ct)).EnsureSuccessStatusCode();
        (await setup.Worker.Http.PutAsJsonAsync("/api/agents/ann/presence", new { channels = new[] { "whatsapp" } }, Ct)).EnsureSuccessStatusCode();
    }

    private static async Task<bool> BlockedOnCrmLinksAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'crm_links' AND NOT l.granted", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
    }
}
