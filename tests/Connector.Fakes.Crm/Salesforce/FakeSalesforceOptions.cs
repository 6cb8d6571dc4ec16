using System.Security.Cryptography.X509Certificates;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>How the fake org is set up: its connected app, integration user, limits and custom fields.</summary>
public sealed class FakeSalesforceOptions
{
    /// <summary>The connected app's consumer key (the JWT's iss, or client_id).</summary>
    public string ClientId { get; init; } = "3MVG9-fake-consumer-key";

    /// <summary>The consumer secret for the client-credentials flow.</summary>
    public string ClientSecret { get; init; } = "fake-consumer-secret";

    /// <summary>The pre-authorized integration user (the JWT's sub).</summary>
    public string Username { get; init; } = "integration@connector.example";

    /// <summary>
    /// The certificate uploaded to the connected app: JWT assertions must verify with its public key. When null the
    /// server makes one (see <see cref="FakeSalesforceServer.WritePrivateKeyFile"/>).
    /// </summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The <c>aud</c> a JWT must carry.</summary>
    public string Audience { get; init; } = "https://login.salesforce.com";

    /// <summary>The custom field marked External ID + Unique on Contact, Lead, Task, Case, EmailMessage, ContentVersion.</summary>
    public string ExternalIdField { get; init; } = "Connector_Key__c";

    /// <summary>The org's daily API allocation, reported in Sforce-Limit-Info; past it every call answers REQUEST_LIMIT_EXCEEDED.</summary>
    public int DailyApiLimit { get; init; } = 15_000;

    /// <summary>API versions this org serves (the URL's vXX.X).</summary>
    public IReadOnlyList<string> ApiVersions { get; init; } = ["v58.0", "v59.0", "v60.0", "v61.0", "v62.0", "v63.0", "v64.0"];

    /// <summary>The clock the fake judges JWT expiry with.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal FakeSalesforceOptions WithCertificate(X509Certificate2 certificate) => new()
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        Username = Username,
        Certificate = certificate,
        Audience = Audience,
        ExternalIdField = ExternalIdField,
        DailyApiLimit = DailyApiLimit,
        ApiVersions = ApiVersions,
        Clock = Clock,
    };
}
