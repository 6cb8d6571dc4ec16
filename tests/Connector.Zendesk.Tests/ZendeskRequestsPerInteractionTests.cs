using System.Globalization;
using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.Fakes.Crm.Zendesk;
using Connector.Zendesk.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Zendesk.Tests;

/// <summary>
/// API requests per fully logged interaction (contact resolve + call activity + transcript + recording + case/ticket):
/// one request per operation against the batched path (contacts resolved together with one create_or_update_many for
/// the new ones, the first writes of all tickets in create_many jobs, the calls' files in one update_many), on the same fake in one run. Requests, not
/// timings. Zendesk cannot batch uploads (one request per file) nor look tickets up by several external ids at once,
/// so the batched figure keeps those per interaction.
/// </summary>
public sealed class ZendeskRequestsPerInteractionTests
{
    private const int Interactions = 100;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batching_logs_100_interactions_in_fewer_requests_than_one_request_per_operation()
    {
        // Counting, not pacing: the account's per-minute limit is lifted so 2,000 requests in seconds are answered.
        await using var host = await ZendeskAdapterHost.StartAsync(Ct, fakeOptions: new FakeZendeskOptions { RequestsPerMinute = 1_000_000 });
        var adapter = host.Adapter;
        var agent = host.Fake.AgentId.ToString(CultureInfo.InvariantCulture);

        // Naive: every operation its own request(s), through the single ports.
        var naiveCustomers = Customers(host.Fake, "naive", 0);
        var before = host.Fake.ApiRequestCount;
        for (var i = 0; i < Interactions; i++)
        {
            var contact = (await adapter.Contacts.ResolveAsync(naiveCustomers[i], Ct)).Contact!;
            var crmCase = await adapter.Cases.UpsertCaseAsync(Case($"naive-{i}", contact), Ct);
            var call = await adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, $"naive-{i}", agent, crmCase), Ct);
            await adapter.Attachments.AttachAsync(Transcript($"naive-{i}", call, "Agent: hello"), Ct);
            await adapter.Attachments.AttachAsync(Recording($"naive-{i}", call, Audio(4096, i)), Ct);
        }

        var naive = host.Fake.ApiRequestCount - before;

        // Batched: resolve everyone together, then write whole interactions in jobs.
        var batchedCustomers = Customers(host.Fake, "batched", 1);
        before = host.Fake.ApiRequestCount;
        var resolutions = await adapter.Contacts.ResolveManyAsync(batchedCustomers, Ct);
        var interactions = resolutions.Select((r, i) => Interaction($"batched-{i}", r.Contact!, agent, audioLength: 4096)).ToList();
        var outcomes = await adapter.Interactions.WriteInteractionsAsync(interactions, Ct);
        var batched = host.Fake.ApiRequestCount - before;

        var naivePer = (double)naive / Interactions;
        var batchedPer = (double)batched / Interactions;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Zendesk API requests for {Interactions} interactions: naive {naive} ({naivePer:0.00} each), batched {batched} ({batchedPer:0.00} each); token requests {host.Fake.TokenRequestCount}."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests-per-interaction zendesk naive={naivePer:0.00} batched={batchedPer:0.00}"));

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Failure?.Message));
        var tickets = host.Fake.Tickets();
        Assert.Equal(2 * Interactions, tickets.Count);
        // Naive: the case's description, the voice comment, one comment per file. Batched: the voice comment, then both files.
        Assert.All(tickets.Where(t => t.ExternalId!.StartsWith("naive-", StringComparison.Ordinal)), t => Assert.Equal(4, t.Comments.Count()));
        Assert.All(tickets.Where(t => t.ExternalId!.StartsWith("batched-", StringComparison.Ordinal)), t => Assert.Equal(2, t.Comments.Count()));
        Assert.Equal(4 * Interactions, tickets.SelectMany(t => t.Comments).Sum(c => c.Attachments.Count));
        Assert.Equal(2, host.Fake.BatchedKeys.Count); // one create_many (case and call), one update_many (the calls' files)
        Assert.True(batchedPer < naivePer, $"batched {batchedPer} vs naive {naivePer} requests per interaction");
        // What stays per interaction when batched: two uploads, one ticket lookup, and the contact's searches
        // (external_id, phone; identities for a number stored in another form).
        Assert.True(batchedPer <= 0.6 * naivePer, $"batched {batchedPer} vs naive {naivePer} requests per interaction");
    }

    /// <summary>Half the customers already exist (stored as national numbers), half are new.</summary>
    private static List<CrmContactQuery> Customers(FakeZendeskServer fake, string name, int block)
    {
        var queries = new List<CrmContactQuery>();
        for (var i = 0; i < Interactions; i++)
        {
            var national = string.Create(CultureInfo.InvariantCulture, $"07700 9{block}{i:D4}");
            if (i % 2 == 0)
            {
                fake.SeedUser($"{name}-{i}", national, null);
            }

            queries.Add(Query($"Customer {name}-{i}", create: true, Phone(national)));
        }

        return queries;
    }
}
