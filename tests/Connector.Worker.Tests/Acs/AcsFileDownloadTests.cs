using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Fakes.Files;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Tests.Acs;

/// <summary>Recording downloads go only to allowed hosts and stop at the size limit while the body streams.</summary>
public sealed class AcsFileDownloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AcsCallRecordingClient Client(FakeAcsServer acs, HttpClient http, params string[] fileHosts)
    {
        var options = Options.Create(new AcsOptions { ConnectionString = acs.ConnectionString, FileHosts = [.. fileHosts] });
        var connection = new AcsConnection(options);
        return new AcsCallRecordingClient(http, connection, new AcsFileHosts(options, connection), TimeProvider.System);
    }

    [Fact]
    public async Task A_recording_on_a_host_outside_the_allow_list_is_refused_and_the_host_gets_no_request()
    {
        await using var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var foreign = await LoopbackFileServer.StartAsync(Ct);
        using var http = new HttpClient(AcsFileCopy.Handler());
        var client = Client(acs, http); // the default list: ACS's storage hosts only
        using var file = new MemoryStream();

        await Assert.ThrowsAsync<AcsDownloadRefusedException>(() => client.DownloadAsync(new Uri(foreign.BaseAddress, "v1/objects/0-x/content/audio"), file, 1_000_000, Ct));
        await Assert.ThrowsAsync<AcsDownloadRefusedException>(() => client.DeleteAsync(new Uri(foreign.BaseAddress, "v1/objects/0-x/content/deletedata"), Ct));

        Assert.Empty(foreign.Requests);
        Assert.Equal(0, file.Length);
    }

    [Fact]
    public async Task A_recording_that_streams_past_the_limit_stops_at_the_limit_and_drops_the_connection()
    {
        const long limit = 300_000;
        await using var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var endless = await LoopbackFileServer.StartAsync(Ct);
        using var http = new HttpClient(AcsFileCopy.Handler());
        var client = Client(acs, http, endless.BaseAddress.Authority);
        using var file = new MemoryStream();

        var refused = await Assert.ThrowsAsync<AcsDownloadRefusedException>(() => client.DownloadAsync(new Uri(endless.BaseAddress, "v1/objects/0-x/content/audio"), file, limit, Ct));

        Assert.Contains("300000", refused.Message, StringComparison.Ordinal);
        Assert.InRange(file.Length, limit - LoopbackFileServer.BlockSize, limit);
        // The server writes until the client goes away: it would never stop if the client drained the rest.
        var written = await endless.Abandoned.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.True(written >= limit, $"The server wrote {written} bytes.");
        Assert.Single(endless.Requests);
    }

    [Fact]
    public async Task A_recording_announced_larger_than_the_limit_is_refused_before_its_body_is_read()
    {
        await using var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var storage = await FakeAcsCallServices.StartAsync(acs, Ct);
        var (content, _) = storage.AddRecording("0-big", new byte[50_000]);
        using var http = new HttpClient(AcsFileCopy.Handler());
        var client = Client(acs, http, storage.BaseAddress.Authority);
        using var file = new MemoryStream();

        await Assert.ThrowsAsync<AcsDownloadRefusedException>(() => client.DownloadAsync(content, file, 10_000, Ct));

        Assert.Equal(0, file.Length);
        using var small = new MemoryStream();
        Assert.Equal(50_000, await client.DownloadAsync(content, small, 50_000, Ct));
    }
}
