using Connector.Core.Crm;
using Connector.Dynamics.Batch;
using Connector.Dynamics.Tests.Infrastructure;
using Connector.Fakes.Crm.Dynamics;
using Microsoft.Extensions.DependencyInjection;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Dynamics.Tests;

/// <summary>Service protection (429 with Retry-After, concurrency) and the OData error body, as the adapter's one exception.</summary>
public sealed class DynamicsLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_429_is_a_throttled_failure_with_Dataverses_Retry_After_and_is_not_retried_in_the_pipeline()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct, fakeOptions: new FakeDynamicsOptions { RetryAfterSeconds = 7 });
        host.Fake.SeedContact("Joan", "Clarke", null, "joan@example.com");
        host.Fake.ThrottleNext(1);

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("joan@example.com")), Ct));

        Assert.True(refused.Throttled);
        Assert.Equal(429, refused.StatusCode);
        Assert.Equal("0x80072322", refused.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.RetryAfter);
        Assert.Equal(1, host.Fake.ApiRequestCount);
    }

    [Fact]
    public async Task Requests_in_flight_are_kept_under_the_configured_limit_so_Dataverse_never_refuses_for_concurrency()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(
            Ct, settings => settings["Crm:Dynamics:MaxConcurrentRequests"] = "3",
            new FakeDynamicsOptions { ConcurrencyLimit = 4, ResponseDelay = TimeSpan.FromMilliseconds(50) });

        var resolutions = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            host.Adapter.Contacts.ResolveAsync(Query(null, false, Email($"c{i}@example.com")), Ct)));

        Assert.All(resolutions, r => Assert.Equal(CrmContactResolutionKind.NotFound, r.Kind));
        Assert.InRange(host.Fake.MaxConcurrentRequests, 2, 3);
        Assert.DoesNotContain(host.Fake.Requests, r => r.StatusCode == 429);
    }

    [Fact]
    public async Task An_OData_error_becomes_the_adapters_exception_with_Dataverses_code_and_message()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct);
        host.Fake.SeedContact("Joan", "Clarke", null, "joan@example.com");
        var contact = (await host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("joan@example.com")), Ct)).Contact!;
        var gone = new CrmRecord("incident", Guid.NewGuid().ToString("D"));

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Cases.UpsertCaseAsync(Case("conv-1", contact, existing: gone), Ct));

        Assert.Equal(404, refused.StatusCode);
        Assert.Equal("0x80040217", refused.ErrorCode);
        Assert.Contains($"incident With Id = {gone.RecordId} Does Not Exist", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.Transient);
        Assert.Empty(host.Fake.Records("incident"));
    }

    [Fact]
    public async Task A_new_contact_is_created_create_only_at_its_own_id_with_duplicate_detection_on()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct);

        var created = await host.Adapter.Contacts.ResolveAsync(Query("Katherine Johnson", create: true, Phone("+442079460111")), Ct);

        var create = Assert.Single(host.Fake.Requests, r => r.Method == "PATCH");
        Assert.Equal("false", create.Headers["MSCRM.SuppressDuplicateDetection"]);
        Assert.Equal("*", create.Headers["If-None-Match"]);
        Assert.EndsWith($"/contacts({created.Contact!.RecordId})", create.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_the_connector_created_is_found_again_by_its_own_id_without_writing()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct);
        var query = Query("Nameless Caller", create: true);

        var created = await host.Adapter.Contacts.ResolveAsync(query, Ct);
        var writes = host.Fake.Requests.Count(r => r.Method == "PATCH");
        var again = await host.Adapter.Contacts.ResolveAsync(query, Ct);

        Assert.Equal(CrmContactResolutionKind.Created, created.Kind);
        Assert.Equal(CrmContactResolutionKind.Found, again.Kind);
        Assert.Equal(created.Contact, again.Contact);
        Assert.Equal(writes, host.Fake.Requests.Count(r => r.Method == "PATCH"));
    }

    [Fact]
    public void A_412_from_duplicate_detection_is_a_refusal_while_a_412_for_an_existing_id_is_a_replay()
    {
        var create = DynamicsOperation.Write("contacts", Guid.NewGuid(), "contact", new System.Text.Json.Nodes.JsonObject(), DynamicsWriteMode.CreateOnly, "contact-create", "k");
        var duplicate = new DynamicsOperationResult(412, FakeDynamicsErrors.DuplicateDetected().Body!.ToJsonString(), null);
        var exists = new DynamicsOperationResult(412, FakeDynamicsErrors.AlreadyExists().Body!.ToJsonString(), null);

        Assert.False(duplicate.Succeeded(create));
        Assert.Equal("0x80040333", duplicate.Failure(create).ErrorCode);
        Assert.False(duplicate.Failure(create).Transient);
        Assert.True(exists.Succeeded(create));
        Assert.True(exists.AlreadyExisted(create));
    }

    [Fact]
    public async Task The_fake_refuses_a_second_contact_with_the_same_email_when_duplicate_detection_is_asked_for()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct);
        host.Fake.SeedContact("Kath", "Johnson", null, "kj@example.com");
        var client = host.Services.GetRequiredService<DynamicsClient>();
        var create = DynamicsOperation.Write("contacts", Guid.NewGuid(), "contact", new System.Text.Json.Nodes.JsonObject { ["lastname"] = "Johnson", ["emailaddress1"] = "KJ@example.com" },
            DynamicsWriteMode.CreateOnly, "contact-create", "k", new Dictionary<string, string> { ["MSCRM.SuppressDuplicateDetection"] = "false" });

        var answer = await client.SendAsync(create, Ct);

        Assert.Equal(412, answer.Status);
        Assert.Equal("0x80040333", answer.Error?.Code);
        Assert.Single(host.Fake.Records("contact"));
    }
}
