using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Voice;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Tests.Voice;

public sealed class RecordingRetentionJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recording_past_its_retention_is_deleted_at_ACS_through_its_signed_delete_location_once()
    {
        await using var store = await StoreUnderTest.SqliteAsync();
        await using var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var services = await FakeAcsCallServices.StartAsync(acs, Ct);
        var chunks = new RecordingChunkStore(store.Dialect);
        var now = DateTimeOffset.UtcNow;
        var (dueContent, dueDelete) = services.AddRecording("0-due", [1, 2, 3]);
        var (keptContent, keptDelete) = services.AddRecording("0-kept", [4, 5, 6]);
        foreach (var (id, content, delete, after) in new[] { ("0-due", dueContent, dueDelete, now.AddMinutes(-1)), ("0-kept", keptContent, keptDelete, now.AddDays(1)) })
        {
            await chunks.AddAsync(new RecordingChunk { DocumentId = id, ContentLocation = content.ToString(), DeleteLocation = delete.ToString() }, Ct);
            await chunks.MarkStoredAsync(id, $"recordings/{id}.mp3", 3, now, after, Ct);
        }

        using var http = new HttpClient();
        var connection = new AcsConnection(Options.Create(new AcsOptions { ConnectionString = acs.ConnectionString }));
        var job = new RecordingRetentionJob(chunks, new AcsCallRecordingClient(http, connection, new AcsFileHosts(Options.Create(new AcsOptions { ConnectionString = acs.ConnectionString, FileHosts = [services.BaseAddress.Authority] }), connection), TimeProvider.System), TimeProvider.System, NullLogger<RecordingRetentionJob>.Instance);

        await job.RunAsync(Ct);
        await job.RunAsync(Ct);

        Assert.Equal(["0-due"], services.Deleted);
        Assert.Equal(RecordingChunk.Deleted, (await chunks.GetAsync("0-due", Ct))!.State);
        Assert.Equal(RecordingChunk.Stored, (await chunks.GetAsync("0-kept", Ct))!.State);
    }

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
