using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Voice;

/// <summary>The voice tables and jobs on the production store.</summary>
public sealed class VoiceOnPostgresTests
{
    [Fact]
    public async Task On_PostgreSQL_a_call_abandoned_in_the_queue_is_counted_and_its_recording_is_fetched_once()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var rig = new VoiceRig();
        await rig.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings__Connector"] = database });

        var call = await rig.CallIntoQueueAsync("+447700900301", "2");
        var taskId = await rig.TaskIdAsync(call);
        await rig.WaitForPhaseAsync(call, "queued");
        await call.CallerHangsUpAsync();

        await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "abandoned", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
        var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();
        // Hangfire on PostgreSQL polls its queue (every 15 s by default), so the download may take a while.
        await Eventually.TrueAsync(async () => (await rig.TimelineAsync(conversation)).Any(t => t.GetProperty("type").GetString() == "recording_available"),
            TimeSpan.FromSeconds(45), () => rig.Worker.Output);
        Assert.Equal(1, Assert.Single(rig.Services.Downloads).Value);
        Assert.Single(await rig.TimelineAsync(conversation), t => t.GetProperty("type").GetString() == "recording_available");
        Assert.Equal(JsonValueKind.String, (await rig.CallAsync(call)).GetProperty("journey").ValueKind);
    }
}
