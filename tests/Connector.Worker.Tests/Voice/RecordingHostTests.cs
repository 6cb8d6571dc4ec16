using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Fakes.Files;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Voice;

/// <summary>A recording event is trusted to say which recording is ready, not where to send our signature.</summary>
[Collection(VoiceTests.Name)]
public sealed class RecordingHostTests(VoiceRig rig)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recording_event_naming_a_host_outside_the_allow_list_is_refused_and_that_host_gets_nothing()
    {
        await using var foreign = await LoopbackFileServer.StartAsync(Ct);
        var call = await rig.CallIntoQueueAsync("+447700900131", "1"); // recorded (no opt-out), queued for billing
        await rig.TaskIdAsync(call);
        var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();
        var allowed = $"0-allowed-{Guid.NewGuid():N}";
        var (content, delete) = rig.Services.AddRecording(allowed, RandomNumberGenerator.GetBytes(2048));
        var elsewhere = $"0-foreign-{Guid.NewGuid():N}";
        var data = new JsonObject
        {
            ["recordingStorageInfo"] = new JsonObject
            {
                ["recordingChunks"] = new JsonArray(
                    Chunk(allowed, 0, content, delete),
                    Chunk(elsewhere, 1, new Uri(foreign.BaseAddress, $"v1/objects/{elsewhere}/content/audio"), new Uri(foreign.BaseAddress, $"v1/objects/{elsewhere}/content/deletedata"))),
            },
            ["recordingStartTime"] = FakeAcsJsonBody.Time(DateTimeOffset.UtcNow.AddSeconds(-30)),
            ["recordingDurationMs"] = 30000,
            ["recordingContentType"] = "Audio",
            ["recordingChannelType"] = "Mixed",
            ["recordingFormatType"] = "Mp3",
        };
        var body = FakeEventGridEvents.Batch(FakeEventGridEvents.Create(
            "Microsoft.Communication.RecordingFileStatusUpdated", $"/recording/call/{call.CorrelationId}/serverCallId/{call.ServerCallId}/recordingId/{call.RecordingId}", data));

        using var response = await FakeAcsServer.PostEventGridEventsAsync(rig.Calls.EventGridWebhook!, body, Ct);

        // Acknowledged, so that Event Grid does not drop the batch's other events; the allowed chunk is fetched.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(async () => (await rig.TimelineAsync(conversation)).Any(t => t.GetProperty("type").GetString() == "recording_available"),
            TimeSpan.FromSeconds(30), () => rig.Worker.Output);
        Assert.Equal(1, rig.Services.Downloads[allowed]);
        Assert.Empty(foreign.Requests);
        Assert.Single(await rig.TimelineAsync(conversation), t => t.GetProperty("type").GetString() == "recording_available");
        Assert.Contains($"Recording chunk {elsewhere} names a location outside Acs:FileHosts", rig.Worker.Output, StringComparison.Ordinal);
        await call.CallerHangsUpAsync();
    }

    private static JsonObject Chunk(string documentId, int index, Uri content, Uri delete) => new()
    {
        ["documentId"] = documentId,
        ["index"] = index,
        ["endReason"] = "SessionEnded",
        ["contentLocation"] = content.ToString(),
        ["metadataLocation"] = content.ToString().Replace("/audio", "/acsmetadata", StringComparison.Ordinal),
        ["deleteLocation"] = delete.ToString(),
    };
}
