namespace Connector.Fakes.Crm.HubSpot;

/// <summary>How the fake HubSpot account is set up: its app, owners, custom properties, pipelines and limits.</summary>
public sealed class FakeHubSpotOptions
{
    /// <summary>The OAuth app's client id and secret, and the refresh token the account's install issued.</summary>
    public string ClientId { get; init; } = "5c1b8f6e-fake-client-id";

    public string ClientSecret { get; init; } = "fake-client-secret";

    public string RefreshToken { get; init; } = "na1-fake-refresh-token";

    /// <summary>A private app's static access token (accepted as it is).</summary>
    public string PrivateAppToken { get; init; } = "pat-na1-fake-private-app-token";

    /// <summary>The <c>expires_in</c> of OAuth access tokens (HubSpot: 30 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The custom unique-value property on calls, communications, notes, emails and tickets.</summary>
    public string KeyProperty { get; init; } = "connector_key";

    /// <summary>The custom unique-value property on contacts.</summary>
    public string CustomerIdProperty { get; init; } = "connector_customer_id";

    /// <summary>The rolling ten-second budget (X-HubSpot-RateLimit-Max): 100 on Free/Starter.</summary>
    public int RequestsPerInterval { get; init; } = 100;

    /// <summary>The rolling window (X-HubSpot-RateLimit-Interval-Milliseconds): 10 seconds.</summary>
    public TimeSpan RateLimitInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The search endpoint's own limit, per second (it answers without rate headers).</summary>
    public int SearchRequestsPerSecond { get; init; } = 5;

    /// <summary>The daily allocation (X-HubSpot-RateLimit-Daily): 250,000 on Free/Starter.</summary>
    public int DailyLimit { get; init; } = 250_000;

    /// <summary>
    /// How long a record created through the API stays invisible to search (HubSpot's index lags writes; about 10 s
    /// is reported). Seeded records are indexed at once.
    /// </summary>
    public TimeSpan SearchIndexLag { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The account's country calling code: stored numbers in it become national digits in the searchable properties.</summary>
    public string CountryCallingCode { get; init; } = "44";

    /// <summary>Call outcomes (label → id): HubSpot's defaults, and one an admin added.</summary>
    public IReadOnlyDictionary<string, string> CallOutcomes { get; init; } = new Dictionary<string, string>
    {
        ["Busy"] = "9d9162e7-6cf3-4944-bf63-4dff82258764",
        ["Connected"] = "f240bbac-87c9-4f6e-bf70-924b57d47db7",
        ["Left live message"] = "a4c4c377-d246-4b32-a13b-75a56a4cd0ff",
        ["Left voicemail"] = "b2cf5968-551e-4856-9783-52b3da59a7d0",
        ["No answer"] = "73a0d17f-1163-4015-bdd5-ec830791da20",
        ["Wrong number"] = "17b47fee-58de-441e-a44c-c6300d46f273",
        ["Resolved"] = "3f7d3a1c-6c2e-4f35-9a51-2b0e7c1d9e10",
    };

    /// <summary>The ticket pipelines: pipeline id → stage id → label (the default support pipeline).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> TicketPipelines { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["0"] = new Dictionary<string, string> { ["1"] = "New", ["2"] = "Waiting on contact", ["3"] = "Waiting on us", ["4"] = "Closed" },
    };

    /// <summary>The account's one user, a valid <c>hubspot_owner_id</c>.</summary>
    public string OwnerId { get; init; } = "41629779";

    /// <summary>The clock that expires tokens, signed links, index lag and rate windows.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
