using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.Dynamics.Tests.Infrastructure;
using Connector.Fakes.Crm.Dynamics;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Dynamics.Tests;

/// <summary>
/// Web API requests per fully logged interaction (contact resolve + call activity + transcript + recording + case):
/// one request per operation against the batched path (the customers' searches in one <c>$batch</c>, the new contacts
/// in another, then whole interactions as change sets, 25 per <c>$batch</c>), on the same fake in one run. Requests,
/// not timings.
/// </summary>
public sealed class DynamicsRequestsPerInteractionTests
{
    private const int Interactions = 100;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batching_logs_100_interactions_in_far_fewer_requests_than_one_per_operation()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct);
        var adapter = host.Adapter;
        var agent = host.Fake.AgentUserId.ToString("D");

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

        // Batched: resolve everyone together, then whole interactions as change sets of a few $batch requests.
        var batchedCustomers = Customers(host.Fake, "batched", 1);
        before = host.Fake.ApiRequestCount;
        var resolutions = await adapter.Contacts.ResolveManyAsync(batchedCustomers, Ct);
        var interactions = resolutions.Select((r, i) => Interaction($"batched-{i}", r.Contact!, agent, audioLength: 4096)).ToList();
        var outcomes = await adapter.Interactions.WriteInteractionsAsync(interactions, Ct);
        var batched = host.Fake.ApiRequestCount - before;

        var naivePer = (double)naive / Interactions;
        var batchedPer = (double)batched / Interactions;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dataverse Web API requests for {Interactions} interactions: naive {naive} ({naivePer:0.00} each), batched {batched} ({batchedPer:0.00} each); token requests {host.Fake.TokenRequestCount}."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests-per-interaction dynamics naive={naivePer:0.00} batched={batchedPer:0.00}"));

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Failure?.Message));
        Assert.Equal(2 * Interactions, host.Fake.Records("phonecall").Count);
        Assert.Equal(4 * Interactions, host.Fake.Records("annotation").Count);
        Assert.Equal(2 * Interactions, host.Fake.Records("incident").Count);
        Assert.Equal(2 * Interactions, host.Fake.Records("contact").Count);
        Assert.True(batchedPer < naivePer, $"batched {batchedPer} against naive {naivePer} requests per interaction");
        Assert.True(batchedPer <= 0.1, $"batched {batchedPer} requests per interaction");
        Assert.True(naivePer >= 5, $"the naive path should pay per operation, got {naivePer}");
    }

    /// <summary>Half the customers already exist (stored as national numbers), half are new.</summary>
    private static List<CrmContactQuery> Customers(FakeDynamicsServer fake, string name, int block)
    {
        var queries = new List<CrmContactQuery>();
        for (var i = 0; i < Interactions; i++)
        {
            var national = string.Create(CultureInfo.InvariantCulture, $"07700 9{block}{i:D4}");
            if (i % 2 == 0)
            {
                fake.Seed("contact", new JsonObject { ["lastname"] = $"{name}-{i}", ["mobilephone"] = national });
            }

            queries.Add(Query($"Customer {name}-{i}", create: true, Phone(national)));
        }

        return queries;
    }
}
