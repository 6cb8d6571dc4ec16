using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Connector.Worker.Tests.Api;

/// <summary>Wrap-up against the charter's <c>dispositions:</c> (the charter has resolved for all channels, no-answer for voice).</summary>
public sealed class WrapUpDispositionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_charter_with_dispositions_refuses_a_code_not_offered_on_the_tasks_channel_naming_the_field_and_the_valid_codes()
    {
        await using var worker = await PanelWorld.StartAsync();
        await worker.PutAgentAsync("ann", skill: "support");
        await worker.OnlineAsync("ann", "whatsapp");
        var (task, conversation) = await worker.ArrivesAsync("whatsapp", "+447700900701");
        await worker.UntilStateAsync(task, "offered");
        using var ann = await worker.KeyAsync("agent", "ann");
        (await ann.PostAsync($"/api/offers/{task}/accept", null, Ct)).EnsureSuccessStatusCode();

        foreach (var (disposition, says) in new[] { ("no-answer", "'no-answer' is not one of"), ("Problem solved", "'Problem solved' is not one of"), ((string?)null, "choose one") })
        {
            var refused = await ann.PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { disposition, notes = "Sorted" }, Ct);

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("disposition", problem.GetProperty("field").GetString());
            Assert.Equal(["resolved"], problem.GetProperty("allowed").EnumerateArray().Select(c => c.GetString()));
            Assert.Contains(says, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Nothing was queued or finished by the refusals: the valid code wraps the task up.
        Assert.Equal("assigned", (await worker.TaskAsync(task)).GetProperty("state").GetString());
        var accepted = await ann.PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { disposition = "resolved" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await worker.UntilStateAsync(task, "completed");
    }
}
