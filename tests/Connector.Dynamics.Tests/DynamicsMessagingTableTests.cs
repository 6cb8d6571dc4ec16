using Connector.Core.Channels;
using Connector.Dynamics.Tests.Infrastructure;
using Connector.Fakes.Crm.Dynamics;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Dynamics.Tests;

/// <summary>Chats and WhatsApp conversations in a custom activity table instead of tasks.</summary>
public sealed class DynamicsMessagingTableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_WhatsApp_conversation_goes_to_the_configured_custom_activity_table_closed_with_its_transcript_note()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(
            Ct, settings => settings["Crm:Dynamics:MessagingActivityTable"] = "cc_messagingsession",
            new FakeDynamicsOptions { CustomActivityTable = "cc_messagingsession" });
        host.Fake.SeedContact("Joan", "Clarke", null, "joan@example.com");
        var contact = (await host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("joan@example.com")), Ct)).Contact!;

        var written = await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.WhatsApp, "conv-1", null), Ct);

        Assert.Equal("cc_messagingsession", written.RecordType);
        var session = Assert.Single(host.Fake.Records("cc_messagingsession"));
        Assert.Equal(("1", "2"), (session["statecode"], session["statuscode"]));
        Assert.Equal(contact.RecordId, session["_regardingobjectid_value"]);
        Assert.Empty(host.Fake.Records("task"));
        var note = Assert.Single(host.Fake.Records("annotation"));
        Assert.Equal(session.Id.ToString("D"), note["_objectid_value"]);
        Assert.Contains("delivery date", note["notetext"], StringComparison.Ordinal);
    }
}
