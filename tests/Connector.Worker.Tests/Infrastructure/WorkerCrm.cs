using Connector.Fakes.Crm.Salesforce;

namespace Connector.Worker.Tests.Infrastructure;

/// <summary>
/// A fake Salesforce as the CRM of a Worker process, for tests that look at CRM work (rows of the CRM outbox kinds,
/// interactions): with <c>Crm:Provider=None</c> nothing consumes those kinds, so none is written.
/// </summary>
internal static class WorkerCrm
{
    /// <summary>Starts the fake and points the Worker's environment at it (client-credentials flow).</summary>
    public static async Task<FakeSalesforceServer> AddSalesforceAsync(IDictionary<string, string?> environment, CancellationToken ct)
    {
        var salesforce = await FakeSalesforceServer.StartAsync(new FakeSalesforceOptions(), ct);
        environment["Crm__Provider"] = "Salesforce";
        environment["Crm__Salesforce__LoginUrl"] = salesforce.BaseUrl.ToString();
        environment["Crm__Salesforce__ClientId"] = salesforce.Options.ClientId;
        environment["Crm__Salesforce__ClientSecret"] = salesforce.Options.ClientSecret;
        environment["Crm__Salesforce__ApiVersion"] = "v62.0";
        return salesforce;
    }
}
