namespace Connector.Salesforce;

/// <summary>
/// Configuration section <c>Crm:Salesforce</c>. Authentication is the JWT bearer flow when <see cref="PrivateKeyPath"/>
/// is set, else the client-credentials flow with <see cref="ClientSecret"/>.
/// </summary>
public sealed class SalesforceOptions
{
    public const string Section = "Crm:Salesforce";

    /// <summary>Where tokens come from: <c>https://login.salesforce.com</c>, <c>https://test.salesforce.com</c> or the My Domain (required for client credentials).</summary>
    public Uri LoginUrl { get; set; } = new("https://login.salesforce.com");

    /// <summary>The connected (or external client) app's consumer key.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The integration user (the JWT's <c>sub</c>).</summary>
    public string? Username { get; set; }

    /// <summary>PEM file with the RSA private key whose certificate is uploaded to the app (JWT bearer flow).</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The consumer secret (client-credentials flow).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The JWT's <c>aud</c>: <c>https://login.salesforce.com</c> for production, <c>https://test.salesforce.com</c> for sandboxes.</summary>
    public string JwtAudience { get; set; } = "https://login.salesforce.com";

    /// <summary>The pinned REST API version, e.g. <c>v62.0</c>.</summary>
    public string ApiVersion { get; set; } = "v62.0";

    /// <summary>
    /// The custom field (External ID, Unique) on Contact, Lead, Task, Case, EmailMessage and ContentVersion that holds
    /// the connector's idempotency key, so a replay upserts instead of duplicating.
    /// </summary>
    public string ExternalIdField { get; set; } = "Connector_Key__c";

    public SalesforceCreateAs CreateAs { get; set; } = SalesforceCreateAs.Contact;

    /// <summary>Lead.Company is required; this is what a new lead gets when we do not know the company.</summary>
    public string LeadCompany { get; set; } = "[not provided]";

    /// <summary>
    /// Region for the org's stored phone numbers written without a country code (re-check after SOSL), e.g. <c>GB</c>;
    /// unset, <c>Identity:DefaultRegion</c> is used.
    /// </summary>
    public string? DefaultRegion { get; set; }

    /// <summary>Files up to this size travel base64 inside JSON (and inside Composite); larger ones as multipart (limit 37.5 MB).</summary>
    public long InlineFileMaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Re-authenticate after this long even without a 401 (Salesforce tokens carry no expiry; sessions time out per org policy).</summary>
    public TimeSpan TokenMaxAge { get; set; } = TimeSpan.FromMinutes(60);

    internal bool UsesJwtBearer => !string.IsNullOrWhiteSpace(PrivateKeyPath);
}
