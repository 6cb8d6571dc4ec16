using System.Text.Json.Nodes;
using Connector.Dynamics.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Dynamics.Tests;

/// <summary>What only Dataverse's <c>$batch</c> does: change sets that roll back alone, Content-ID references, replays side by side.</summary>
public sealed class DynamicsBatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_whose_second_change_set_fails_keeps_the_first_and_retries_the_second_alone()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct);
        var contact = await ContactAsync(host);
        var agent = host.Fake.AgentUserId.ToString("D");
        host.Fake.FailChangeSetRequestOnce("\"second:voice\"");

        var outcomes = await host.Adapter.Interactions.WriteInteractionsAsync([Interaction("first", contact, agent), Interaction("second", contact, agent)], Ct);

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Failure?.Message));
        var batches = host.Fake.Batches;
        Assert.Equal(2, batches.Count);
        Assert.Equal(2 * 4, batches[0].Count);
        // The retry carries the second interaction alone: the first, kept, is not written again.
        Assert.Equal(4, batches[1].Count);
        Assert.All(batches[1], part => Assert.DoesNotContain("first", part.Body, StringComparison.Ordinal));
        Assert.Equal(["first:case", "first:voice", "second:case", "second:voice"], host.Fake.Records("phonecall").Concat(host.Fake.Records("incident"))
            .Select(r => r[host.Fake.Options.KeyColumn]!).Order(StringComparer.Ordinal));
        Assert.Equal(4, host.Fake.Records("annotation").Count);
    }

    [Fact]
    public async Task An_interaction_is_one_change_set_whose_activity_and_files_refer_to_what_it_wrote_by_Content_ID()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct);
        var contact = await ContactAsync(host);

        await host.Adapter.Interactions.WriteInteractionAsync(Interaction("conv-1", contact, host.Fake.AgentUserId.ToString("D")), Ct);

        var parts = Assert.Single(host.Fake.Batches);
        Assert.All(parts, p => Assert.True(p.InChangeSet));
        Assert.Equal(["1", "2", "3", "4"], parts.Select(p => p.ContentId));
        Assert.All(parts, p => Assert.Equal("PATCH", p.Method));
        var call = JsonNode.Parse(parts[1].Body)!;
        Assert.Equal("$1", call["regardingobjectid_incident_phonecall@odata.bind"]?.ToString());
        Assert.Equal("*", parts[1].Headers["If-None-Match"]);
        Assert.All(parts.Skip(2), p => Assert.Equal("$2", JsonNode.Parse(p.Body)!["objectid_phonecall@odata.bind"]?.ToString()));
        Assert.Contains("odata.continue-on-error", host.Fake.Requests.Single(r => r.IsBatch).Headers["Prefer"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_interaction_is_sent_again_side_by_side_and_finds_every_record_it_wrote_before()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct);
        var contact = await ContactAsync(host);
        var interaction = Interaction("conv-2", contact, host.Fake.AgentUserId.ToString("D"));
        var first = await host.Adapter.Interactions.WriteInteractionAsync(interaction, Ct);

        var again = await host.Adapter.Interactions.WriteInteractionAsync(interaction, Ct);

        Assert.Equal(first.Written, again.Written);
        Assert.Single(host.Fake.Records("phonecall"));
        Assert.Single(host.Fake.Records("incident"));
        Assert.Equal(2, host.Fake.Records("annotation").Count);
        // First write, the replay as a transaction (refused: its activity exists), then the replay side by side.
        var batches = host.Fake.Batches;
        Assert.Equal(3, batches.Count);
        Assert.All(batches[1], p => Assert.True(p.InChangeSet));
        Assert.All(batches[2], p => Assert.False(p.InChangeSet));
    }

    private static async Task<Core.Crm.CrmRecord> ContactAsync(DynamicsAdapterHost host)
    {
        host.Fake.SeedContact("Joan", "Clarke", "+44 20 7946 0777", "joan@example.com");
        return (await host.Adapter.Contacts.ResolveAsync(Query("Joan Clarke", create: false, Email("joan@example.com")), Ct)).Contact!;
    }
}
