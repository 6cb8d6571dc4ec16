using System.Globalization;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;
using Connector.Zendesk.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Zendesk.Tests;

/// <summary>
/// A call whose caller's number was not known (a withheld number): no number is made up for Zendesk's voice comment, which
/// Zendesk (and the fake) refuses without one (422 RecordInvalid); the call is logged all the same, as a private comment
/// by the agent saying the numbers were not known, with its start, duration and transcript.
/// </summary>
public sealed class ZendeskCallWithoutNumbersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_number_not_known_is_left_out_of_the_voice_comment_never_sent_as_a_made_up_value()
    {
        var activity = Activity(new CrmRecord("user", "361000"), Channel.Voice, "conv-w", "361001") with { CustomerAddress = null };

        var change = ZendeskActivityMapper.Change(activity, new SensitiveDataRedactor());

        var voice = change.ForUpdate()["voice_comment"]!.AsObject();
        Assert.False(voice.ContainsKey("from"));
        Assert.Equal("+442079460000", voice["to"]!.ToString());
        Assert.DoesNotContain("unknown", voice.ToJsonString(), StringComparison.Ordinal);
        Assert.True(change.LacksVoiceNumbers);
    }

    [Fact]
    public async Task A_call_without_the_callers_number_is_refused_as_a_voice_comment_and_logged_as_a_comment_saying_so_once()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        var fake = host.Fake;
        var contact = new CrmRecord("user", fake.SeedUser("Withheld", null, "withheld@example.com").ToString(CultureInfo.InvariantCulture));
        var agent = fake.AgentId.ToString(CultureInfo.InvariantCulture);
        var call = Activity(contact, Channel.Voice, "conv-withheld", agent) with { CustomerAddress = null };

        var written = await host.Adapter.Activities.WriteActivityAsync(call, Ct);
        var requests = fake.ApiRequestCount;
        var replayed = await host.Adapter.Activities.WriteActivityAsync(call, Ct);

        Assert.Equal(written, replayed);
        Assert.Equal(requests + 1, fake.ApiRequestCount); // the replay's ticket lookup, nothing written
        Assert.Contains(fake.Requests, r => r is { Method: "POST", Path: "/api/v2/tickets", StatusCode: 422 });
        var ticket = Assert.Single(fake.Tickets());
        var comment = Assert.Single(ticket.Comments);
        Assert.Equal("Comment", comment.Type);
        Assert.False(comment.Public);
        Assert.Equal(fake.AgentId, comment.AuthorId);
        Assert.Contains("numbers were not known (from: not known, to: +442079460000)", comment.Body, StringComparison.Ordinal);
        Assert.Contains("184 s", comment.Body, StringComparison.Ordinal);
        Assert.Contains("Asked about the delivery date", comment.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_call_interaction_without_numbers_lands_with_its_case_and_files_in_one_go_and_in_a_batch()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        var fake = host.Fake;
        var agent = fake.AgentId.ToString(CultureInfo.InvariantCulture);
        CrmInteraction Withheld(string conversation, string name)
        {
            var contact = new CrmRecord("user", fake.SeedUser(name, null, $"{name}@example.com").ToString(CultureInfo.InvariantCulture));
            var interaction = Interaction(conversation, contact, agent);
            return interaction with { Activity = interaction.Activity with { CustomerAddress = null, ServiceAddress = null } };
        }

        await host.Adapter.Interactions.WriteInteractionAsync(Withheld("conv-one", "one"), Ct);
        var outcomes = await host.Adapter.Interactions.WriteInteractionsAsync([Withheld("conv-a", "a"), Withheld("conv-b", "b")], Ct);

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Failure?.Message));
        foreach (var conversation in new[] { "conv-one", "conv-a", "conv-b" })
        {
            var ticket = Assert.Single(fake.Tickets(), t => t.ExternalId == conversation);
            Assert.DoesNotContain(ticket.Comments, c => c.Type == "VoiceComment");
            Assert.Contains(ticket.Comments, c => c.Body?.Contains("from: not known, to: not known", StringComparison.Ordinal) == true);
        }
    }
}
