using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Tests.Voice;

/// <summary>How recording content at ACS is signed (deleting it: Retention/RetentionJobTests).</summary>
public sealed class RecordingSigningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_download_signed_for_the_storage_host_instead_of_the_resource_is_refused()
    {
        await using var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var services = await FakeAcsCallServices.StartAsync(acs, Ct);
        var (content, _) = services.AddRecording("0-chunk", [7, 8, 9]);
        using var http = new HttpClient();
        var options = Options.Create(new AcsOptions { ConnectionString = acs.ConnectionString, FileHosts = [services.BaseAddress.Authority] });
        var connection = new AcsConnection(options);
        var client = new AcsCallRecordingClient(http, connection, new AcsFileHosts(options, connection), TimeProvider.System);

        using var file = new MemoryStream();
        Assert.Equal(3, await client.DownloadAsync(content, file, 1_000, Ct));
        Assert.Equal([7, 8, 9], file.ToArray());

        using var unsigned = new HttpRequestMessage(HttpMethod.Get, content);
        using var refused = await http.SendAsync(unsigned, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
