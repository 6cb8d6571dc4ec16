using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.Fakes.Crm.Salesforce;
using Connector.Salesforce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Salesforce.Tests;

/// <summary>What the adapter puts on the wire, and how it reads Salesforce's answers.</summary>
public sealed class SalesforceWireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_phone_is_searched_with_SOSL_in_phone_fields_as_digits_only_in_every_national_and_international_form()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);

        await host.Adapter.Contacts.ResolveAsync(Query(null, create: false, Phone("+442079460958")), Ct);

        var search = Assert.Single(host.Fake.Requests, r => r.Kind == FakeSalesforceRequestKind.Search);
        var sosl = Uri.UnescapeDataString(search.Target[(search.Target.IndexOf("q=", StringComparison.Ordinal) + 2)..]);
        Assert.StartsWith("FIND {442079460958 OR 2079460958 OR 02079460958} IN PHONE FIELDS RETURNING Contact(", sosl, StringComparison.Ordinal);
        Assert.DoesNotContain("+", sosl, StringComparison.Ordinal);
        Assert.Equal(200, search.StatusCode);
    }

    [Fact]
    public async Task A_stored_number_that_only_looks_alike_is_not_taken_for_the_caller()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        // Same national digits, another country: SOSL finds it, the re-check by normalization drops it.
        host.Fake.Seed("Contact", new JsonObject { ["LastName"] = "Paris", ["Phone"] = "+33 2079460958" });

        var resolution = await host.Adapter.Contacts.ResolveAsync(Query(null, create: false, Phone("+442079460958")), Ct);

        Assert.Equal(CrmContactResolutionKind.NotFound, resolution.Kind);
    }

    [Fact]
    public async Task A_whole_interaction_is_one_composite_request_chained_by_reference()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        var contact = new CrmRecord("Contact", host.Fake.Seed("Contact", new JsonObject { ["LastName"] = "Clarke" }));
        var before = host.Fake.ApiRequestCount;

        await host.Adapter.Interactions.WriteInteractionAsync(Interaction("conv-c", contact, host.Fake.IntegrationUserId), Ct);

        Assert.Equal(1, host.Fake.ApiRequestCount - before);
        var subrequests = Assert.Single(host.Fake.CompositeRequests);
        Assert.Equal(["PATCH", "POST", "POST", "POST"], subrequests.Select(s => s["method"]!.ToString()));
        Assert.EndsWith("/sobjects/Case/Connector_Key__c/conv-c%3Acase", subrequests[0]["url"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("@{case.id}", subrequests[1]["body"]!["WhatId"]!.ToString());
        Assert.Equal("Call", subrequests[1]["body"]!["TaskSubtype"]!.ToString());
        Assert.Equal("Inbound", subrequests[1]["body"]!["CallType"]!.ToString());
        Assert.Equal(184, subrequests[1]["body"]!["CallDurationInSeconds"]!.GetValue<int>());
        Assert.Equal("ref-conv-c", subrequests[1]["body"]!["CallObject"]!.ToString());
        Assert.All(subrequests.Skip(2), s => Assert.Equal("@{act.id}", s["body"]!["FirstPublishLocationId"]!.ToString()));
        var task = Assert.Single(host.Fake.Records("Task"));
        Assert.Equal(Assert.Single(host.Fake.Records("Case")).Id, task["WhatId"]);
    }

    [Fact]
    public async Task A_recording_larger_than_the_inline_limit_goes_up_as_multipart_and_arrives_intact()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct, settings => settings["Crm:Salesforce:InlineFileMaxBytes"] = "65536");
        var contact = new CrmRecord("Contact", host.Fake.Seed("Contact", new JsonObject { ["LastName"] = "Clarke" }));
        var call = await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, "conv-m", null), Ct);
        var audio = Audio(300_000, 3);

        await host.Adapter.Attachments.AttachAsync(Recording("conv-m", call, audio), Ct);
        await host.Adapter.Attachments.AttachAsync(Recording("conv-m", call, audio), Ct);

        var upload = host.Fake.Requests.First(r => r.Kind == FakeSalesforceRequestKind.SObject && r.Path.EndsWith("/sobjects/ContentVersion", StringComparison.Ordinal));
        Assert.Contains("name=entity_content", Encoding.UTF8.GetString(upload.Body), StringComparison.Ordinal);
        var file = Assert.Single(host.Fake.Records("ContentVersion"));
        Assert.Equal(audio, file.VersionData);
        Assert.Equal(call.RecordId, file["FirstPublishLocationId"]);
    }

    [Fact]
    public async Task The_fake_refuses_a_multipart_upload_without_its_JSON_part()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        using var http = new HttpClient();
        using var content = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "VersionData", "x.wav" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.Fake.BaseUrl, "/services/data/v62.0/sobjects/ContentVersion")) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.Fake.IssueAccessToken());

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("INVALID_MULTIPART_REQUEST", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task REQUEST_LIMIT_EXCEEDED_is_a_throttle_with_a_long_back_off_not_a_rejected_record()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        host.Fake.ThrottleNext(1);

        var throttled = await Assert.ThrowsAsync<CrmRequestFailedException>(() =>
            host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("a@example.com")), Ct));

        Assert.Equal(403, throttled.StatusCode);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", throttled.ErrorCode);
        Assert.True(throttled.Throttled);
        Assert.True(throttled.Transient);
        Assert.True(throttled.RetryAfter >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task UNABLE_TO_LOCK_ROW_is_retryable_and_a_rejected_field_is_not()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        var contact = new CrmRecord("Contact", host.Fake.Seed("Contact", new JsonObject { ["LastName"] = "Clarke" }));
        host.Fake.FailNext(1, FakeSalesforceResponse.Error(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record"), "/sobjects/Task");

        var locked = await Assert.ThrowsAsync<CrmRequestFailedException>(() =>
            host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, "conv-l", null), Ct));
        var rejected = await Assert.ThrowsAsync<CrmRequestFailedException>(() =>
            host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, "conv-l", "005NOTAUSER0000AAA"), Ct));

        Assert.True(locked.Transient);
        Assert.False(rejected.Transient);
        Assert.Equal("INVALID_CROSS_REFERENCE_KEY", rejected.ErrorCode);
    }

    [Fact]
    public async Task An_external_id_that_matches_two_records_is_reported_not_guessed()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        var contact = new CrmRecord("Contact", host.Fake.Seed("Contact", new JsonObject { ["LastName"] = "Clarke" }));
        host.Fake.Seed("Case", new JsonObject { ["Subject"] = "one", ["Connector_Key__c"] = "conv-d:case" });
        host.Fake.Seed("Case", new JsonObject { ["Subject"] = "two", ["Connector_Key__c"] = "conv-d:case" });

        var failure = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Cases.UpsertCaseAsync(Case("conv-d", contact), Ct));

        Assert.Equal(300, failure.StatusCode);
        Assert.False(failure.Transient);
    }

    [Fact]
    public async Task Sforce_Limit_Info_is_exported_as_api_usage_and_limit_gauges()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        host.Fake.SetApiUsage(4_200);
        await host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("a@example.com")), Ct);

        var meters = host.Services.GetRequiredService<IMeterFactory>();
        var observed = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SalesforceMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => observed[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(4_201, observed["connector.salesforce.api_usage"]);
        Assert.Equal(15_000, observed["connector.salesforce.api_limit"]);
    }

    [Fact]
    public async Task Options_with_neither_a_key_nor_a_secret_fail_at_start_naming_the_keys()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct, settings =>
        {
            settings["Crm:Salesforce:PrivateKeyPath"] = null;
            settings["Crm:Salesforce:ApiVersion"] = "62";
        });

        var invalid = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SalesforceOptions>>().Value);

        Assert.Contains(invalid.Failures, f => f.Contains("PrivateKeyPath", StringComparison.Ordinal) && f.Contains("ClientSecret", StringComparison.Ordinal));
        Assert.Contains(invalid.Failures, f => f.Contains("ApiVersion", StringComparison.Ordinal));
    }
}
