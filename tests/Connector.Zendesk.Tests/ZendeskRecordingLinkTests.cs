using System.Globalization;
using Connector.Core.Crm;
using Connector.Fakes.Crm.Zendesk;
using Connector.Zendesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Zendesk.Tests;

/// <summary>
/// A recording over Zendesk's upload limit: linked in the call's private comment by the connector's signed link
/// (Core's <see cref="IRecordingLinkIssuer"/>, which the Worker provides) instead of uploaded; without an issuer it is
/// refused for good, as before. The limit is shrunk to 64 KB on both sides so the test moves kilobytes, not 50 MB.
/// </summary>
public sealed class ZendeskRecordingLinkTests
{
    private const int Limit = 64 * 1024;
    private static readonly DateTimeOffset Expiry = new(2026, 12, 14, 9, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recording_over_the_upload_limit_is_linked_in_the_private_comment_and_not_uploaded()
    {
        await using var host = await StartAsync(withLinks: true);
        var fake = host.Fake;
        var contact = new CrmRecord("user", fake.SeedUser("Caller", "+44 20 7946 0301", null).ToString(CultureInfo.InvariantCulture));
        var interaction = LargeRecording("conv-large", contact, fake.AgentId);

        var result = await host.Adapter.Interactions.WriteInteractionAsync(interaction, Ct);

        var ticket = Assert.Single(fake.Tickets());
        var files = ticket.Comments.Last();
        Assert.False(files.Public);
        Assert.Contains("https://connector.contoso.example/links/recordings?file=recordings%2Fconv-large.wav", files.Body, StringComparison.Ordinal);
        Assert.Contains("until 2026-12-14 09:30 UTC", files.Body, StringComparison.Ordinal);
        // The transcript is uploaded as before; the recording is not sent at all.
        Assert.Equal("transcript-conv-large.txt", Assert.Single(files.Attachments).FileName);
        Assert.DoesNotContain(fake.Requests, r => r.Path.EndsWith("/uploads", StringComparison.Ordinal) && r.Target.Contains("recording-", StringComparison.Ordinal));
        Assert.Contains("conv-large:recording", result.Written.Keys);

        // A replay finds the link's comment by its tag and writes nothing.
        var requests = fake.ApiRequestCount;
        await host.Adapter.Interactions.WriteInteractionAsync(interaction, Ct);
        Assert.Equal(requests + 1, fake.ApiRequestCount);
    }

    [Fact]
    public async Task Without_recording_links_a_recording_over_the_upload_limit_is_refused_naming_the_limit()
    {
        await using var host = await StartAsync(withLinks: false);
        var fake = host.Fake;
        var contact = new CrmRecord("user", fake.SeedUser("Caller", "+44 20 7946 0302", null).ToString(CultureInfo.InvariantCulture));
        var recording = LargeRecording("conv-refused", contact, fake.AgentId).Attachments[1];

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Attachments.AttachAsync(recording, Ct));

        Assert.Equal(413, refused.StatusCode);
        Assert.Contains("Crm:Zendesk:MaxUploadBytes", refused.Message, StringComparison.Ordinal);
    }

    private static Task<ZendeskAdapterHost> StartAsync(bool withLinks) => ZendeskAdapterHost.StartAsync(
        Ct,
        settings => settings["Crm:Zendesk:MaxUploadBytes"] = Limit.ToString(CultureInfo.InvariantCulture),
        fakeOptions: new FakeZendeskOptions { MaxUploadBytes = Limit },
        worker: withLinks ? services => services.AddSingleton<IRecordingLinkIssuer>(new FixedLinks()) : null);

    private static CrmInteraction LargeRecording(string conversation, CrmRecord contact, long agentId)
    {
        var interaction = Interaction(conversation, contact, agentId.ToString(CultureInfo.InvariantCulture), audioLength: Limit + 1);
        return interaction with
        {
            Attachments = [interaction.Attachments[0], interaction.Attachments[1] with { StoredFile = $"recordings/{conversation}.wav" }],
        };
    }

    /// <summary>The port as the Worker's issuer answers it (its signing is tested in the Worker's RecordingLinkTests).</summary>
    private sealed class FixedLinks : IRecordingLinkIssuer
    {
        public CrmFileLink? LinkFor(CrmAttachment attachment) => attachment.StoredFile is { } file
            ? new CrmFileLink(new Uri($"https://connector.contoso.example/links/recordings?file={Uri.EscapeDataString(file)}&expires={Expiry.ToUnixTimeSeconds()}&sig=c2ln"), Expiry)
            : null;
    }
}
