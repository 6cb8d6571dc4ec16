using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Fakes.Crm.Dynamics;

namespace Connector.Dynamics.Tests.Fakes;

/// <summary>The fake refuses what Dataverse refuses, in Dataverse's words: a fake that accepts anything proves nothing.</summary>
public sealed class FakeDynamicsServerTests : IAsyncLifetime
{
    private FakeDynamicsServer _fake = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeDynamicsServer.StartAsync(cancellationToken: Ct);
        _http = new HttpClient { BaseAddress = _fake.ApiRoot };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _fake.IssueAccessToken());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task A_request_without_a_valid_token_is_401_with_where_to_get_one()
    {
        using var anonymous = new HttpClient { BaseAddress = _fake.ApiRoot };

        using var answer = await anonymous.GetAsync(new Uri("WhoAmI", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("authorization_uri=", answer.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_the_table_does_not_have_is_refused()
    {
        var (status, error) = await PatchAsync($"tasks({Guid.NewGuid()})", new JsonObject { ["subject"] = "x", ["colour"] = "red" });

        Assert.Equal(400, status);
        Assert.Equal("0x80060888", error["code"]?.ToString());
        Assert.Contains("The property 'colour' does not exist on type 'Microsoft.Dynamics.CRM.task'", error["message"]?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_longer_than_200_is_refused_with_the_validation_error()
    {
        var (status, error) = await PatchAsync($"tasks({Guid.NewGuid()})", new JsonObject { ["subject"] = new string('x', 201) });

        Assert.Equal(400, status);
        Assert.Equal("0x80044331", error["code"]?.ToString());
        Assert.Equal("A validation error occurred.  The length of the 'subject' attribute of the 'task' entity exceeded the maximum allowed length of '200'.", error["message"]?.ToString());
    }

    [Fact]
    public async Task A_bind_to_a_row_that_does_not_exist_is_refused()
    {
        var missing = Guid.NewGuid();
        var (status, error) = await PatchAsync($"tasks({Guid.NewGuid()})", new JsonObject { ["regardingobjectid_contact_task@odata.bind"] = $"/contacts({missing})" });

        Assert.Equal(404, status);
        Assert.Equal($"contact With Id = {missing} Does Not Exist", error["message"]?.ToString());
    }

    [Fact]
    public async Task Create_only_answers_412_when_the_row_exists_and_update_only_404_when_it_does_not()
    {
        var id = Guid.NewGuid();
        var (created, _) = await PatchAsync($"tasks({id})", new JsonObject { ["subject"] = "one" }, ("If-None-Match", "*"));
        var (again, exists) = await PatchAsync($"tasks({id})", new JsonObject { ["subject"] = "two" }, ("If-None-Match", "*"));
        var (missing, _) = await PatchAsync($"tasks({Guid.NewGuid()})", new JsonObject { ["subject"] = "three" }, ("If-Match", "*"));

        Assert.Equal(204, created);
        Assert.Equal(412, again);
        Assert.Equal("0x80040237", exists["code"]?.ToString());
        Assert.Equal(404, missing);
        Assert.Equal("one", Assert.Single(_fake.Records("task"))["subject"]);
    }

    [Fact]
    public async Task An_incident_is_not_resolved_by_setting_its_state_but_by_CloseIncident()
    {
        var contact = _fake.SeedContact("A", "B", null, null);
        var (status, error) = await PatchAsync($"incidents({Guid.NewGuid()})", new JsonObject
        {
            ["title"] = "t",
            ["customerid_contact@odata.bind"] = $"/contacts({contact})",
            ["statecode"] = 1,
            ["statuscode"] = 5,
        });

        Assert.Equal(400, status);
        Assert.Contains("use the CloseIncidentRequest message", error["message"]?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_GET_inside_a_change_set_is_refused()
    {
        var body = "--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_1\r\n\r\n--changeset_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n"
            + $"GET {_fake.ApiRoot}contacts HTTP/1.1\r\nAccept: application/json\r\n\r\n\r\n--changeset_1--\r\n--batch_1--\r\n";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_1");

        using var answer = await _http.PostAsync(new Uri("$batch", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("GET requests are not allowed inside a change set", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phonecall_party_that_is_neither_sender_nor_recipient_is_refused()
    {
        var contact = _fake.SeedContact("A", "B", null, null);
        var (status, _) = await PatchAsync($"phonecalls({Guid.NewGuid()})", new JsonObject
        {
            ["phonecall_activity_parties"] = new JsonArray(new JsonObject { ["partyid_contact@odata.bind"] = $"/contacts({contact})", ["participationtypemask"] = 5 }),
        });

        Assert.Equal(400, status);
    }

    private async Task<(int Status, JsonObject Error)> PatchAsync(string path, JsonObject body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(path, UriKind.Relative)) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var answer = await _http.SendAsync(request, Ct);
        var text = await answer.Content.ReadAsStringAsync(Ct);
        var error = text.Length > 0 ? JsonNode.Parse(text)?["error"] as JsonObject : null;
        return ((int)answer.StatusCode, error ?? []);
    }
}
