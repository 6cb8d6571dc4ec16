using System.Text;
using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.HubSpot.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.HubSpot.Tests;

/// <summary>Where a file lands: on an activity's attachments (a call's recording also plays from a signed link), else on a keyed note.</summary>
public sealed class HubSpotAttachmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recording_on_a_call_plays_from_a_signed_link_that_serves_its_bytes()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct);
        var contact = new CrmRecord("contacts", host.Fake.Seed("contacts", new Dictionary<string, string?> { ["lastname"] = "Clarke" }));
        var call = await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, "rec-1", null), Ct);
        var audio = Audio(8 * 1024, 3);

        await host.Adapter.Attachments.AttachAsync(Recording("rec-1", call, audio), Ct);

        var stored = Assert.Single(host.Fake.Records("calls"));
        using var player = new HttpClient();
        Assert.Equal(audio, await player.GetByteArrayAsync(stored["hs_call_recording_url"], Ct));
        Assert.Equal(Assert.Single(host.Fake.Files).Id, stored["hs_attachment_ids"]);
        Assert.Equal("PRIVATE", host.Fake.Files[0].Access);
    }

    [Fact]
    public async Task A_file_for_a_contact_is_carried_by_a_keyed_note_on_that_contact_once()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct);
        var contact = new CrmRecord("contacts", host.Fake.Seed("contacts", new Dictionary<string, string?> { ["lastname"] = "Clarke" }));

        var first = await host.Adapter.Attachments.AttachAsync(Transcript("note-1", contact, "Customer: card 4111 1111 1111 1111"), Ct);
        var again = await host.Adapter.Attachments.AttachAsync(Transcript("note-1", contact, "Customer: card 4111 1111 1111 1111"), Ct);

        Assert.Equal(first, again);
        var note = Assert.Single(host.Fake.Records("notes"));
        Assert.Equal("note-1:transcript", note["connector_key"]);
        Assert.Equal(first.RecordId, note["hs_attachment_ids"]);
        Assert.Equal([contact.RecordId], host.Fake.Associated("notes", note.Id, "contacts"));
        Assert.DoesNotContain("4111", Encoding.UTF8.GetString(Assert.Single(host.Fake.Files).Content), StringComparison.Ordinal);
    }
}
