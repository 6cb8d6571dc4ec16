using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.Dynamics.Tests.Infrastructure;
using Connector.Fakes.Crm.Dynamics;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Dynamics.Tests;

/// <summary>Notes with files: inline, in blocks above the configured size, and a link when the org cannot take the file.</summary>
public sealed class DynamicsAttachmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recording_above_the_inline_size_goes_up_in_blocks_byte_for_byte_and_a_replay_adds_nothing()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct, settings =>
        {
            settings["Crm:Dynamics:InlineFileMaxBytes"] = "65536";
            settings["Crm:Dynamics:BlockBytes"] = "32768";
        });
        var call = await CallAsync(host);
        var audio = Audio(100_000, 3);

        var first = await host.Adapter.Attachments.AttachAsync(Recording("conv-1", call, audio), Ct);
        var again = await host.Adapter.Attachments.AttachAsync(Recording("conv-1", call, audio), Ct);

        Assert.Equal(first, again);
        var note = Assert.Single(host.Fake.Records("annotation"));
        Assert.Equal(audio, Convert.FromBase64String(note["documentbody"]!));
        Assert.Equal(call.RecordId, note["_objectid_value"]);
        Assert.Equal(4, host.Fake.Requests.Count(r => r.Path.EndsWith("/UploadBlock", StringComparison.Ordinal)));
        Assert.Single(host.Fake.Requests, r => r.Path.EndsWith("/CommitAnnotationBlocksUpload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recording_larger_than_the_org_accepts_becomes_a_note_that_links_to_it()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct, settings =>
        {
            settings["Crm:Dynamics:MaxUploadBytes"] = "50000";
            settings["Crm:Dynamics:RecordingLinkBase"] = "https://connector.contoso.example/recordings/";
        }, new FakeDynamicsOptions { MaxUploadBytes = 50_000 });
        var call = await CallAsync(host);

        await host.Adapter.Attachments.AttachAsync(Recording("conv-2", call, Audio(80_000, 4)), Ct);

        var note = Assert.Single(host.Fake.Records("annotation"));
        Assert.Null(note["documentbody"]);
        Assert.Contains("https://connector.contoso.example/recordings/recording-conv-2.wav", note["notetext"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fake_refuses_a_file_larger_than_the_orgs_maximum()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct, settings => settings["Crm:Dynamics:MaxUploadBytes"] = "134217728", new FakeDynamicsOptions { MaxUploadBytes = 10_000 });
        var call = await CallAsync(host);

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Attachments.AttachAsync(Recording("conv-3", call, Audio(20_000, 5)), Ct));

        Assert.Equal(400, refused.StatusCode);
        Assert.Empty(host.Fake.Records("annotation"));
    }

    private static async Task<CrmRecord> CallAsync(DynamicsAdapterHost host)
    {
        host.Fake.SeedContact("Joan", "Clarke", null, "joan@example.com");
        var contact = (await host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("joan@example.com")), Ct)).Contact!;
        return await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, "conv", host.Fake.AgentUserId.ToString("D")), Ct);
    }
}
