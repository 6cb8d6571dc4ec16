using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.Fakes.Crm.Salesforce;
using Connector.Salesforce.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Salesforce.Tests;

/// <summary>
/// API requests per fully logged interaction (contact resolve + call activity + transcript + recording + case): one
/// request per operation against the batched path (one search and one query for all customers, one collection upsert
/// for the new ones, Composite requests of 25 subrequests), on the same fake in one run. Requests, not timings.
/// </summary>
public sealed class SalesforceRequestsPerInteractionTests
{
    private const int Interactions = 100;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batching_logs_100_interactions_in_at_most_one_and_a_half_requests_each()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        var adapter = host.Adapter;
        var agent = host.Fake.IntegrationUserId;

        // Naive: every operation its own request.
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

        // Batched: resolve everyone together, then pack whole interactions into Composite requests.
        var batchedCustomers = Customers(host.Fake, "batched", 1);
        before = host.Fake.ApiRequestCount;
        var resolutions = await adapter.Contacts.ResolveManyAsync(batchedCustomers, Ct);
        var interactions = resolutions.Select((r, i) => Interaction($"batched-{i}", r.Contact!, agent, audioLength: 4096)).ToList();
        var outcomes = await adapter.Interactions.WriteInteractionsAsync(interactions, Ct);
        var batched = host.Fake.ApiRequestCount - before;

        var naivePer = (double)naive / Interactions;
        var batchedPer = (double)batched / Interactions;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Salesforce API requests for {Interactions} interactions: naive {naive} ({naivePer:0.00} each), batched {batched} ({batchedPer:0.00} each); sign-ins {host.Fake.TokenRequestCount}."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests-per-interaction salesforce naive={naivePer:0.00} batched={batchedPer:0.00}"));

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Failure?.Message));
        Assert.Equal(2 * Interactions, host.Fake.Records("Task").Count);
        Assert.Equal(4 * Interactions, host.Fake.Records("ContentVersion").Count);
        Assert.Equal(2 * Interactions, host.Fake.Records("Case").Count);
        Assert.True(batchedPer <= 1.5, $"batched {batchedPer} requests per interaction");
        Assert.True(naivePer >= 5, $"the naive path should pay per operation, got {naivePer}");
    }

    /// <summary>Half the customers already exist (stored as national numbers), half are new.</summary>
    private static List<CrmContactQuery> Customers(FakeSalesforceServer fake, string name, int block)
    {
        var queries = new List<CrmContactQuery>();
        for (var i = 0; i < Interactions; i++)
        {
            var national = string.Create(CultureInfo.InvariantCulture, $"07700 9{block}{i:D4}");
            if (i % 2 == 0)
            {
                fake.Seed("Contact", new JsonObject { ["LastName"] = $"{name}-{i}", ["MobilePhone"] = national });
            }

            queries.Add(Query($"Customer {name}-{i}", create: true, Phone(national)));
        }

        return queries;
    }
}
