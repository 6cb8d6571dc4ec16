using Connector.Core.Crm;
using Connector.Salesforce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Salesforce.Tests;

public sealed class SalesforceRecordLinksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_records_page_is_its_Lightning_view_on_the_instance_the_token_response_names()
    {
        // Signed in through "localhost": the page must follow the instance_url the fake answers (127.0.0.1), not the login URL.
        await using var host = await SalesforceAdapterHost.StartAsync(Ct, settings =>
            settings["Crm:Salesforce:LoginUrl"] = new UriBuilder(settings["Crm:Salesforce:LoginUrl"]!) { Host = "localhost" }.Uri.ToString());
        var links = host.Services.GetRequiredService<ICrmRecordLinks>();

        var page = await links.UrlOfAsync(new CrmRecord("Contact", "003000000000042AAA"), Ct);

        Assert.Equal(new Uri(host.Fake.BaseUrl, "/lightning/r/Contact/003000000000042AAA/view"), page);
        Assert.Equal("127.0.0.1", host.Fake.BaseUrl.Host);
        Assert.Equal(1, host.Fake.TokenRequestCount);
    }
}
