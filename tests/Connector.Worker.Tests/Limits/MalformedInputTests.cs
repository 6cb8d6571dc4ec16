using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Limits;

/// <summary>
/// Issue 14's acceptance: over a thousand generated malformed deliveries and requests to a real Worker over
/// loopback, on the webhook (both schemas), the call callbacks, <c>/api/inbound-events</c> and the other JSON
/// endpoints, with valid keys so that only the body is judged: every one answered 4xx problem+json (naming the
/// field where one applies), nothing of them kept, and the Worker still healthy and taking well-formed work after.
/// </summary>
public sealed class MalformedInputTests
{
    private const string Key = "malformed-test-key";
    private const string AgentId = "fuzz-agent";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Over_a_thousand_malformed_deliveries_and_requests_are_all_answered_4xx_and_nothing_of_them_is_kept()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>
        {
            ["Acs__WebhookKey"] = Key,
            ["Identity__DefaultRegion"] = "GB",
            // The chat-session requests here are about their bodies, not their rate.
            ["Limits__ChatSessions__PermitsPerMinute"] = "100000",
        });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        (await worker.Http.PutAsJsonAsync($"/api/agents/{AgentId}", new { name = "Fuzz", capacityProfile = "standard" }, Ct)).EnsureSuccessStatusCode();
        var callers = new Dictionary<string, HttpClient>
        {
            ["admin"] = worker.Http,
            ["agent"] = await worker.AgentAsync(AgentId),
            ["anonymous"] = new HttpClient { BaseAddress = worker.BaseAddress, Timeout = TimeSpan.FromSeconds(30) },
        };
        var inputs = new BadInputs(seed: 14, Key, AgentId).All();
        Assert.True(inputs.Count >= 1000, $"only {inputs.Count} bad inputs generated");
        var before = await StoredAsync(worker);

        var statuses = new SortedDictionary<int, int>();
        var failures = new List<string>();
        foreach (var input in inputs)
        {
            using var request = new HttpRequestMessage(new HttpMethod(input.Method), input.Path);
            if (input.Method != "GET")
            {
                request.Content = new StringContent(input.Body, Encoding.UTF8);
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(input.ContentType) { CharSet = "utf-8" };
            }

            using var response = await callers[input.Caller].SendAsync(request, Ct);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (Judge(input, response, body) is { } failure)
            {
                failures.Add($"{input} → {status}: {failure}\n    {(body.Length > 300 ? body[..300] : body)}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{inputs.Count} malformed inputs; answers by status: {string.Join(", ", statuses.Select(s => $"{s.Key} × {s.Value}"))}");
        foreach (var surface in inputs.GroupBy(i => i.Surface.Split(' ')[0]))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"  {surface.Key}: {surface.Count()}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {inputs.Count} not answered as they should:\n{string.Join('\n', failures.Take(40))}\n{Tail(worker)}");
        Assert.Equal(before, await StoredAsync(worker));

        // Healthy after: ready, and a well-formed WhatsApp message still becomes a task.
        Assert.Equal(HttpStatusCode.OK, (await worker.Http.GetAsync("/health/ready", Ct)).StatusCode);
        var ok = await callers["anonymous"].PostAsync($"{BadInputs.EventsPath}?key={Key}", new StringContent(WhatsAppMessage(), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var after = await StoredAsync(worker);
        Assert.Equal(before with { RawEvents = before.RawEvents + 1, Timeline = before.Timeline + 1, Tasks = before.Tasks + 1, Customers = before.Customers + 1 }, after);
        var tasks = await worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct);
        Assert.Contains(tasks.EnumerateArray(), t => t.GetProperty("channel").GetString() == "whatsapp");
    }

    /// <summary>Null when the answer is right: 4xx, problem+json, and the field named where the input says which.</summary>
    private static string? Judge(BadInput input, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status is < 400 or > 499)
        {
            return "not a 4xx";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"content type {response.Content.Headers.ContentType?.MediaType ?? "(none)"}, not problem+json";
        }

        if (input.Field is null)
        {
            return null;
        }

        using var problem = JsonDocument.Parse(body);
        if (!problem.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return $"no errors naming {input.Field}";
        }

        // The field itself, or a part of it (data.media.id for a broken data.media).
        var named = errors.EnumerateObject().Select(p => p.Name).ToList();
        return named.Any(n => n == input.Field || n.StartsWith(input.Field + ".", StringComparison.Ordinal) || n.StartsWith(input.Field + "[", StringComparison.Ordinal))
            ? null
            : $"names {string.Join(", ", named)}, not {input.Field}";
    }

    private sealed record Stored(long RawEvents, long Timeline, long Tasks, long Customers);

    /// <summary>Read from the embedded store's file (read-only), beside the running Worker.</summary>
    private static async Task<Stored> StoredAsync(WorkerProcess worker)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(worker.WorkingDirectory, "data", "connector.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        async Task<long> CountAsync(string table)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
            return (long)(await command.ExecuteScalarAsync(Ct))!;
        }

        return new Stored(await CountAsync("raw_events"), await CountAsync("timeline_events"), await CountAsync("routing_tasks"), await CountAsync("customers"));
    }

    private static string WhatsAppMessage() => $$"""
        [{
          "id": "{{Guid.NewGuid()}}",
          "topic": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs",
          "subject": "advancedMessage/sender/447700900777",
          "eventType": "Microsoft.Communication.AdvancedMessageReceived",
          "eventTime": "2026-10-14T08:42:17Z",
          "dataVersion": "1.0",
          "data": { "channelType": "whatsapp", "messageId": "{{Guid.NewGuid()}}", "from": "447700900777", "to": "0b410386", "receivedTimestamp": "2026-10-14T08:42:17Z", "content": "Still there after all that?" }
        }]
        """;

    private static string Tail(WorkerProcess worker) =>
        string.Join('\n', worker.Output.Split('\n').Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).TakeLast(40));
}
