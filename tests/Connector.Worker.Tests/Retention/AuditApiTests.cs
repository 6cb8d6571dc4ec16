using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Retention;

/// <summary>
/// The audit log over real HTTP on an in-process Worker: what lands in it (recording plays, agent and key changes,
/// legal holds), who may read it and hold data (admins), and how it pages.
/// </summary>
[Collection(InProcessWorkers.Name)]
public sealed class AuditApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_recording_is_served_only_to_the_agent_who_handled_the_call_their_supervisor_and_admins_and_each_play_is_audited()
    {
        await using var world = await World.StartAsync();
        var (conversation, attachment, transcript) = await world.HandledCallAsync(agent: "ann", queue: "support");
        var url = $"/api/conversations/{conversation}/attachments/{attachment}";

        Assert.Equal(HttpStatusCode.OK, (await world.Ann.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.Sue.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.Admin.GetAsync(url, Ct)).StatusCode);
        // bob handled the conversation's WhatsApp task, not its call: he may see the conversation, not hear the call.
        await AssertProblemAsync(await world.Bob.GetAsync(url, Ct), HttpStatusCode.Forbidden, null);
        await AssertProblemAsync(await world.Sam.GetAsync(url, Ct), HttpStatusCode.Forbidden, null);

        var plays = await world.AuditAsync($"?kind=recording.played&subject=conversation:{conversation}");
        Assert.Equal(["key:admin", "agent:sue", "agent:ann"], plays.Select(p => p.GetProperty("actor").GetString()));
        Assert.All(plays, p => Assert.Equal(attachment, p.GetProperty("detail").GetProperty("attachmentId").GetGuid()));

        // The transcript likewise; a player seeking further into a file is the same play, not another.
        var transcriptUrl = $"/api/conversations/{conversation}/attachments/{transcript}";
        Assert.Equal(HttpStatusCode.OK, (await world.Ann.GetAsync(transcriptUrl, Ct)).StatusCode);
        await AssertProblemAsync(await world.Bob.GetAsync(transcriptUrl, Ct), HttpStatusCode.Forbidden, null);
        using var seek = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new System.Net.Http.Headers.RangeHeaderValue(2, 3) } };
        Assert.Equal(HttpStatusCode.PartialContent, (await world.Ann.SendAsync(seek, Ct)).StatusCode);
        var reads = await world.AuditAsync("?kind=transcript.read&actor=agent:ann");
        Assert.Equal(transcript, Assert.Single(reads).GetProperty("detail").GetProperty("attachmentId").GetGuid());
        Assert.Equal(3, (await world.AuditAsync("?kind=recording.played")).Count);
    }

    [Fact]
    public async Task Only_admins_read_the_audit_log_which_records_agent_key_and_legal_hold_changes_with_who_made_them()
    {
        await using var world = await World.StartAsync();
        var customer = await world.CustomerAsync("+447700900555");
        var keyId = (await (await world.Admin.PostAsJsonAsync("/api/keys", new { name = "crm", role = "admin" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        (await world.Admin.DeleteAsync($"/api/keys/{keyId}", Ct)).EnsureSuccessStatusCode();
        var hold = await world.Admin.PutAsJsonAsync($"/api/customers/{customer}/legal-hold", new { reason = "litigation 7" }, Ct);
        Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        var held = await hold.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("litigation 7", held.GetProperty("reason").GetString());
        Assert.Equal("key:admin", held.GetProperty("setBy").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await world.Admin.DeleteAsync($"/api/customers/{customer}/legal-hold", Ct)).StatusCode);

        var entries = await world.AuditAsync("?limit=1000");
        string[] expected = ["legalHold.removed", "legalHold.set", "key.revoked", "key.issued"];
        Assert.Equal(expected, entries.Take(4).Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal($"customer:{customer}", entries[0].GetProperty("subject").GetString());
        Assert.Equal($"key:{keyId}", entries[2].GetProperty("subject").GetString());
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "agent.changed" && e.GetProperty("subject").GetString() == "agent:ann" && e.GetProperty("actor").GetString() == "key:admin");

        foreach (var other in new[] { world.Ann, world.Sue })
        {
            await AssertProblemAsync(await other.GetAsync("/api/audit", Ct), HttpStatusCode.Forbidden, null);
            await AssertProblemAsync(await other.PutAsJsonAsync($"/api/customers/{customer}/legal-hold", new { reason = "mine" }, Ct), HttpStatusCode.Forbidden, null);
        }

        // Bad input names its field; unknown subjects and lifting a hold that is not there are 404.
        await AssertProblemAsync(await world.Admin.PutAsJsonAsync($"/api/customers/{customer}/legal-hold", new { reason = " " }, Ct), HttpStatusCode.BadRequest, "reason");
        await AssertProblemAsync(await world.Admin.PutAsJsonAsync($"/api/conversations/{Guid.NewGuid()}/legal-hold", new { reason = "case" }, Ct), HttpStatusCode.NotFound, null);
        await AssertProblemAsync(await world.Admin.DeleteAsync($"/api/conversations/{Guid.NewGuid()}/legal-hold", Ct), HttpStatusCode.NotFound, null);
        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("cursor=bm9wZQ", "cursor"), ("kind=coffee", "kind"), ("from=yesterday", "from") })
        {
            await AssertProblemAsync(await world.Admin.GetAsync($"/api/audit?{query}", Ct), HttpStatusCode.BadRequest, field);
        }
    }

    [Fact]
    public async Task The_audit_log_pages_newest_first_through_its_Link_header_and_filters_by_actor_and_time()
    {
        await using var world = await World.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            (await world.Admin.PutAsJsonAsync($"/api/agents/extra-{i}", new { name = $"Extra {i}" }, Ct)).EnsureSuccessStatusCode();
        }

        var seen = new List<string>();
        var next = "/api/audit?kind=agent.changed&limit=2";
        var pages = 0;
        while (next is not null)
        {
            var page = await world.Admin.GetAsync(next, Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            seen.AddRange((await page.Content.ReadFromJsonAsync<List<JsonElement>>(Ct))!.Select(e => e.GetProperty("subject").GetString()!));
            next = page.Headers.TryGetValues("Link", out var links) ? links.Single().Split('<', '>')[1] : null;
            Assert.True(next is null || next.Contains("kind=agent.changed", StringComparison.Ordinal), next);
            pages++;
        }

        // The World's own four agents, then the five extras: nine changes, newest first, each once.
        Assert.Equal(5, pages);
        Assert.Equal(9, seen.Distinct().Count());
        Assert.Equal(["agent:extra-4", "agent:extra-3", "agent:extra-2", "agent:extra-1", "agent:extra-0"], seen.Take(5));
        Assert.Empty(await world.AuditAsync("?actor=agent:nobody"));
        Assert.Empty(await world.AuditAsync($"?from={DateTimeOffset.UtcNow.AddHours(1):O}".Replace("+", "%2B", StringComparison.Ordinal)));
        Assert.Equal(9, (await world.AuditAsync($"?kind=agent.changed&to={DateTimeOffset.UtcNow.AddHours(1):O}".Replace("+", "%2B", StringComparison.Ordinal))).Count);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
        }
    }

    /// <summary>An in-process Worker with ann and bob (support agents), sue (supervises support), sam (supervises billing).</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly InProcessWorker _worker;

        private World(InProcessWorker worker, HttpClient admin)
        {
            _worker = worker;
            Admin = admin;
        }

        public HttpClient Admin { get; }
        public HttpClient Ann { get; private set; } = null!;
        public HttpClient Bob { get; private set; } = null!;
        public HttpClient Sue { get; private set; } = null!;
        public HttpClient Sam { get; private set; } = null!;

        public static async Task<World> StartAsync()
        {
            var adminKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            var charter = Path.Combine(Directory.CreateTempSubdirectory("connector-audit-").FullName, "charter.yaml");
            await File.WriteAllTextAsync(charter, """
                journeys:
                  support: { preferredChannels: [whatsapp, voice], queue: support }
                  billing: { preferredChannels: [email], queue: billing }
                channelJourneys: { whatsapp: support, chat: support, voice: support, email: billing }
                queues:
                  support: { skills: { support: 1 } }
                  billing: { skills: { billing: 1 } }
                """, Ct);
            var worker = new InProcessWorker(new() { ["Api:AdminKey"] = adminKey, ["Charter:Path"] = charter });
            var world = new World(worker, Client(worker, adminKey));
            var supervises = new Dictionary<string, string> { ["sue"] = "support", ["sam"] = "billing" };
            var keys = new Dictionary<string, HttpClient>();
            foreach (var (id, skill) in new[] { ("ann", "support"), ("bob", "support"), ("sue", "support"), ("sam", "billing") })
            {
                (await world.Admin.PutAsJsonAsync($"/api/agents/{id}", new
                {
                    name = id,
                    skills = new Dictionary<string, int> { [skill] = 5 },
                    supervises = supervises.TryGetValue(id, out var queue) ? new[] { queue } : null,
                }, Ct)).EnsureSuccessStatusCode();
                var role = supervises.ContainsKey(id) ? "supervisor" : "agent";
                var issued = await world.Admin.PostAsJsonAsync("/api/keys", new { name = id, role, agentId = id }, Ct);
                keys[id] = Client(worker, (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString());
            }

            (world.Ann, world.Bob, world.Sue, world.Sam) = (keys["ann"], keys["bob"], keys["sue"], keys["sam"]);
            return world;
        }

        public async Task<Guid> CustomerAsync(string phone)
        {
            var arrived = await Admin.PostAsJsonAsync("/api/inbound-events", new
            {
                eventId = $"audit-{phone}",
                channel = "whatsapp",
                type = "message",
                identities = new[] { new { kind = "whatsapp", value = phone } },
                text = "Hello?",
            }, Ct);
            arrived.EnsureSuccessStatusCode();
            return (await arrived.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("customerId").GetGuid();
        }

        /// <summary>
        /// A conversation with a call the agent handled (its voice task completed by them) and a recording on its
        /// timeline, as the recording job leaves it; bob handled its WhatsApp task.
        /// </summary>
        public async Task<(Guid Conversation, Guid Recording, Guid Transcript)> HandledCallAsync(string agent, string queue)
        {
            var arrived = await Admin.PostAsJsonAsync("/api/inbound-events", new
            {
                eventId = "audit-call",
                channel = "whatsapp",
                type = "message",
                identities = new[] { new { kind = "whatsapp", value = "+447700900666" } },
                text = "Call me",
            }, Ct);
            var intake = await arrived.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var conversation = intake.GetProperty("conversationId").GetGuid();
            var customer = intake.GetProperty("customerId").GetGuid();
            var dialect = _worker.Services.GetRequiredService<SqlDialect>();
            var data = _worker.Services.GetRequiredService<DataDirectory>();
            var now = DateTimeOffset.UtcNow;
            var (eventId, attachment) = (Guid.NewGuid(), Guid.NewGuid());
            var path = Path.Combine("recordings", "2026", "12", "call-1.mp3");
            Directory.CreateDirectory(Path.GetDirectoryName(data.Combine(path))!);
            await File.WriteAllBytesAsync(data.Combine(path), [1, 2, 3, 4], Ct);
            await using var connection = await dialect.OpenAsync(Ct);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE routing_tasks SET assigned_agent_id = 'bob', state = 'completed' WHERE conversation_id = @conversation
                """, new { conversation }, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO routing_tasks (id, conversation_id, customer_id, channel, state, priority, created_at, updated_at, external_ref, assigned_agent_id, queue)
                VALUES (@id, @conversation, @customer, 'voice', 'completed', 0, @now, @now, 'call-1', @agent, @queue)
                """, new { id = Guid.NewGuid(), conversation, customer, now, agent, queue }, cancellationToken: Ct));
            var segment = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT id FROM conversation_segments WHERE conversation_id = @conversation ORDER BY sequence LIMIT 1", new { conversation }, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO timeline_events (id, conversation_id, segment_id, type, channel, direction, at, text, external_ref)
                VALUES (@eventId, @conversation, @segment, 'recording_available', 'voice', 'in', @now, 'Call recording (part 1).', 'recording:doc-1')
                """, new { eventId, conversation, segment, now }, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO timeline_attachments (id, timeline_event_id, file_name, content_type, size_bytes, path, created_at)
                VALUES (@attachment, @eventId, 'recording-call-1-0.mp3', 'audio/mpeg', 4, @path, @now)
                """, new { attachment, eventId, path, now }, cancellationToken: Ct));
            var (transcriptEvent, transcript) = (Guid.NewGuid(), Guid.NewGuid());
            var transcriptPath = Path.Combine("transcripts", "2026", "12", "call-1.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(data.Combine(transcriptPath))!);
            await File.WriteAllTextAsync(data.Combine(transcriptPath), "Caller: hello", Ct);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO timeline_events (id, conversation_id, segment_id, type, channel, direction, at, text, external_ref)
                VALUES (@transcriptEvent, @conversation, @segment, 'transcript_available', 'voice', 'in', @now, 'Call transcript (1 lines).', 'transcript')
                """, new { transcriptEvent, conversation, segment, now }, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO timeline_attachments (id, timeline_event_id, file_name, content_type, size_bytes, path, created_at)
                VALUES (@transcript, @transcriptEvent, 'transcript-call-1.txt', 'text/plain; charset=utf-8', 13, @transcriptPath, @now)
                """, new { transcript, transcriptEvent, transcriptPath, now }, cancellationToken: Ct));
            return (conversation, attachment, transcript);
        }

        public async Task<List<JsonElement>> AuditAsync(string query) =>
            (await Admin.GetFromJsonAsync<List<JsonElement>>($"/api/audit{query}", Ct))!;

        public async ValueTask DisposeAsync()
        {
            foreach (var client in new[] { Admin, Ann, Bob, Sue, Sam })
            {
                client?.Dispose();
            }

            await _worker.DisposeAsync();
        }

        private static HttpClient Client(InProcessWorker worker, string? key)
        {
            var client = worker.CreateClient(new() { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        }
    }
}
