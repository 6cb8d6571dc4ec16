using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Fakes.Crm.Salesforce;

namespace Connector.Salesforce.Tests.Fakes;

/// <summary>The fake refuses what Salesforce refuses, in Salesforce's words.</summary>
public sealed class FakeSalesforceServerTests
{
    private static readonly HttpClient Http = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_api_call_without_a_session_is_401_INVALID_SESSION_ID()
    {
        await using var fake = await FakeSalesforceServer.StartAsync(cancellationToken: Ct);

        using var response = await Http.GetAsync(new Uri(fake.BaseUrl, "/services/data/v62.0/query?q=SELECT+Id+FROM+Contact"), Ct);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("INVALID_SESSION_ID", (await response.Content.ReadFromJsonAsync<JsonArray>(Ct))![0]!["errorCode"]!.ToString());
    }

    [Theory]
    [InlineData("POST", "/services/data/v62.0/sobjects/Contact", """{"LastName":"X","Shoe_Size__c":9}""", "INVALID_FIELD")]
    [InlineData("POST", "/services/data/v62.0/sobjects/Contact", """{"FirstName":"X"}""", "REQUIRED_FIELD_MISSING")]
    [InlineData("POST", "/services/data/v62.0/sobjects/Task", """{"CallType":"Sideways"}""", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST")]
    [InlineData("POST", "/services/data/v62.0/sobjects/Task", """{"WhoId":"500R0000000000AAAA"}""", "FIELD_INTEGRITY_EXCEPTION")]
    [InlineData("GET", "/services/data/v62.0/search/?q=FIND+%7B%2B442079460958%7D+IN+PHONE+FIELDS+RETURNING+Contact(Id)", null, "MALFORMED_SEARCH")]
    [InlineData("GET", "/services/data/v62.0/query?q=SELECT+Id+FROM+Contact+WHERE", null, "MALFORMED_QUERY")]
    public async Task A_request_Salesforce_would_refuse_is_refused_with_its_error_code(string method, string target, string? body, string errorCode)
    {
        await using var fake = await FakeSalesforceServer.StartAsync(cancellationToken: Ct);

        using var response = await SendAsync(fake, method, target, body);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(errorCode, (await response.Content.ReadFromJsonAsync<JsonArray>(Ct))![0]!["errorCode"]!.ToString());
        Assert.True(response.Headers.Contains("Sforce-Limit-Info"));
    }

    [Fact]
    public async Task Upsert_answers_201_then_200_with_created_false_and_300_for_a_key_on_two_records()
    {
        await using var fake = await FakeSalesforceServer.StartAsync(cancellationToken: Ct);
        fake.Seed("Case", new JsonObject { ["Connector_Key__c"] = "twice" });
        fake.Seed("Case", new JsonObject { ["Connector_Key__c"] = "twice" });

        using var first = await SendAsync(fake, "PATCH", "/services/data/v62.0/sobjects/Case/Connector_Key__c/k1", """{"Subject":"a"}""");
        using var second = await SendAsync(fake, "PATCH", "/services/data/v62.0/sobjects/Case/Connector_Key__c/k1", """{"Subject":"b"}""");
        using var ambiguous = await SendAsync(fake, "PATCH", "/services/data/v62.0/sobjects/Case/Connector_Key__c/twice", """{"Subject":"c"}""");

        Assert.Equal(201, (int)first.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        Assert.False((await second.Content.ReadFromJsonAsync<JsonObject>(Ct))!["created"]!.GetValue<bool>());
        Assert.Equal(300, (int)ambiguous.StatusCode);
        Assert.Equal("b", fake.Records("Case").Single(c => c["Connector_Key__c"] == "k1")["Subject"]);
    }

    [Fact]
    public async Task An_upsert_that_would_change_a_create_only_field_of_an_existing_task_is_refused()
    {
        await using var fake = await FakeSalesforceServer.StartAsync(cancellationToken: Ct);
        using var created = await SendAsync(fake, "PATCH", "/services/data/v62.0/sobjects/Task/Connector_Key__c/t1", """{"Subject":"a","TaskSubtype":"Call"}""");

        using var again = await SendAsync(fake, "PATCH", "/services/data/v62.0/sobjects/Task/Connector_Key__c/t1", """{"Subject":"a","TaskSubtype":"Call"}""");

        Assert.Equal(201, (int)created.StatusCode);
        Assert.Equal(400, (int)again.StatusCode);
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", (await again.Content.ReadFromJsonAsync<JsonArray>(Ct))![0]!["errorCode"]!.ToString());
    }

    [Fact]
    public async Task A_composite_all_or_none_with_a_failure_rolls_everything_back()
    {
        await using var fake = await FakeSalesforceServer.StartAsync(cancellationToken: Ct);
        const string composite = """
            {"allOrNone":true,"compositeRequest":[
              {"method":"POST","url":"/services/data/v62.0/sobjects/Case","referenceId":"c","body":{"Subject":"kept?"}},
              {"method":"POST","url":"/services/data/v62.0/sobjects/Task","referenceId":"t","body":{"WhatId":"@{c.id}","CallType":"Sideways"}}]}
            """;

        using var response = await SendAsync(fake, "POST", "/services/data/v62.0/composite", composite);

        Assert.Equal(200, (int)response.StatusCode);
        var answers = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["compositeResponse"]!.AsArray();
        Assert.Equal("PROCESSING_HALTED", answers[0]!["body"]![0]!["errorCode"]!.ToString());
        Assert.Equal("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", answers[1]!["body"]![0]!["errorCode"]!.ToString());
        Assert.Empty(fake.Records("Case"));
    }

    [Fact]
    public async Task A_composite_of_more_than_25_subrequests_is_refused_whole()
    {
        await using var fake = await FakeSalesforceServer.StartAsync(cancellationToken: Ct);
        var subrequests = new JsonArray(Enumerable.Range(0, 26).Select(i => (JsonNode?)new JsonObject
        {
            ["method"] = "POST",
            ["url"] = "/services/data/v62.0/sobjects/Case",
            ["referenceId"] = $"c{i}",
            ["body"] = new JsonObject { ["Subject"] = "x" },
        }).ToArray());

        using var response = await SendAsync(fake, "POST", "/services/data/v62.0/composite", new JsonObject { ["compositeRequest"] = subrequests }.ToJsonString());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Empty(fake.Records("Case"));
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_JWT_signed_by_another_key()
    {
        using var app = FakeSalesforceCertificate.Create();
        using var stranger = FakeSalesforceCertificate.Create("CN=stranger");
        var options = new FakeSalesforceOptions { Certificate = app.Certificate };
        await using var fake = await FakeSalesforceServer.StartAsync(options, Ct);
        using var key = System.Security.Cryptography.RSA.Create();
        key.ImportFromPem(stranger.PrivateKeyPem);
        var assertion = SalesforceJwtAssertion.Create(options.ClientId, options.Username, options.Audience, key, DateTimeOffset.UtcNow);

        using var response = await Http.PostAsync(new Uri(fake.BaseUrl, "/services/oauth2/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = assertion,
        }), Ct);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_grant", (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["error"]!.ToString());
    }

    private static async Task<HttpResponseMessage> SendAsync(FakeSalesforceServer fake, string method, string target, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(fake.BaseUrl, target));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fake.IssueAccessToken());
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request, Ct);
    }
}
