using System.Globalization;
using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.Fakes.Crm.HubSpot;
using Connector.HubSpot.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.HubSpot.Tests;

/// <summary>
/// API requests per fully logged interaction (contact resolve + call + transcript + recording + ticket): one request
/// per operation against the batched path (one batch read, one search and one batch upsert for all customers; per
/// interaction its uploads and the recording's signed link; per 100 interactions one upsert per object and one
/// association batch per pair), on the same fake in one run. Requests, not timings: the fake's window is shortened
/// only so that the naive path does not wait minutes for HubSpot's budget.
/// </summary>
public sealed class HubSpotRequestsPerInteractionTests
{
    private const int Interactions = 100;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batching_logs_100_interactions_in_far_fewer_requests_than_one_per_operation()
    {
        var fakeOptions = new FakeHubSpotOptions { RateLimitInterval = TimeSpan.FromMilliseconds(500), SearchRequestsPerSecond = 100, SearchIndexLag = TimeSpan.Zero };
        await using var host = await HubSpotAdapterHost.StartAsync(Ct, s => s["Crm:HubSpot:SearchRequestsPerSecond"] = "100", fakeOptions);
        var adapter = host.Adapter;
        var agent = host.Fake.Options.OwnerId;

        // Naive: every operation its own request(s).
        var naiveCustomers = Customers(host.Fake, "naive", 0);
        var before = host.Fake.ApiRequestCount;
        for (var i = 0; i < Interactions; i++)
        {
            var contact = (await adapter.Contacts.ResolveAsync(naiveCustomers[i], Ct)).Contact!;
            var ticket = await adapter.Cases.UpsertCaseAsync(Case($"naive-{i}", contact), Ct);
            var call = await adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, $"naive-{i}", agent, ticket), Ct);
            await adapter.Attachments.AttachAsync(Transcript($"naive-{i}", call, "Agent: hello"), Ct);
            await adapter.Attachments.AttachAsync(Recording($"naive-{i}", call, Audio(4096, i)), Ct);
        }

        var naive = host.Fake.ApiRequestCount - before;

        // Batched: resolve everyone together, then whole interactions in one WriteInteractionsAsync.
        var batchedCustomers = Customers(host.Fake, "batched", 1);
        before = host.Fake.ApiRequestCount;
        var resolutions = await adapter.Contacts.ResolveManyAsync(batchedCustomers, Ct);
        var interactions = resolutions.Select((r, i) => Interaction($"batched-{i}", r.Contact!, agent, audioLength: 4096)).ToList();
        var outcomes = await adapter.Interactions.WriteInteractionsAsync(interactions, Ct);
        var batched = host.Fake.ApiRequestCount - before;

        var naivePer = (double)naive / Interactions;
        var batchedPer = (double)batched / Interactions;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HubSpot API requests for {Interactions} interactions: naive {naive} ({naivePer:0.00} each), batched {batched} ({batchedPer:0.00} each); token requests {host.Fake.TokenRequestCount}."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests-per-interaction hubspot naive={naivePer:0.00} batched={batchedPer:0.00}"));

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Failure?.Message));
        Assert.Equal(2 * Interactions, host.Fake.Records("calls").Count);
        Assert.Equal(2 * Interactions, host.Fake.Records("tickets").Count);
        Assert.Equal(4 * Interactions, host.Fake.Files.Count);
        Assert.Equal(2 * Interactions, host.Fake.Records("contacts").Count); // half of each block seeded, the other half created
        Assert.All(host.Fake.Records("calls"), c => Assert.Equal(2, c["hs_attachment_ids"]!.Split(';').Length));
        Assert.All(host.Fake.Records("calls"), c => Assert.NotNull(c["hs_call_recording_url"]));
        Assert.True(batchedPer < naivePer, $"batched {batchedPer} against naive {naivePer} requests per interaction");
        // The Files API has no batch: two uploads and the recording's signed link are the floor; the rest is shared.
        Assert.True(batchedPer <= 3.2, $"batched {batchedPer} requests per interaction");
    }

    /// <summary>Half the customers already exist (stored as national numbers), half are new.</summary>
    private static List<CrmContactQuery> Customers(FakeHubSpotServer fake, string name, int block)
    {
        var queries = new List<CrmContactQuery>();
        for (var i = 0; i < Interactions; i++)
        {
            var national = string.Create(CultureInfo.InvariantCulture, $"07700 9{block}{i:D4}");
            if (i % 2 == 0)
            {
                fake.Seed("contacts", new Dictionary<string, string?> { ["lastname"] = $"{name}-{i}", ["mobilephone"] = national });
            }

            queries.Add(Query($"Customer {name}-{i}", create: true, Phone(national)));
        }

        return queries;
    }
}
