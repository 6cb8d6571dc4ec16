using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Connector.Worker.Push;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.People;

/// <summary>
/// Every endpoint of the Worker × every kind of caller → allowed, 401 or 403, as designed. The table is the design:
/// an endpoint the Worker maps without a row here fails the test, so a new endpoint cannot arrive unjudged.
/// </summary>
[Collection(InProcessWorkers.Name)]
public sealed class RolesMatrixTests
{
    // Columns, in the order the callers act: anonymous, another agent (bob), the supervisor of the task's queue (sue),
    // a supervisor of another queue (sam), an admin key, and last the agent the work is offered to (ann), so that
    // her accepting changes nothing for the callers before her. "ok" is any answer but 401/403 (a 404 for an unknown
    // call, a 503 without ACS: the caller got past authorization); "same" means the caller makes no difference (the
    // endpoint has keys of its own, or is public).
    private static readonly string[] Callers = ["anonymous", "another agent", "supervisor of the queue", "supervisor of another queue", "admin", "agent"];

    private static readonly Row[] Matrix =
    [
        new("", "/health", "/health", null, "same"),
        new("", "/health/ready", "/health/ready", null, "same"),
        new("GET", "/openapi/{documentName}.json", "/openapi/v1.json", null, "same"),
        new("GET", "/chat/widget", "/chat/widget", null, "same"),
        new("GET", "/chat/widget.js", "/chat/widget.js", null, "same"),
        new("GET", "/chat/widget.css", "/chat/widget.css", null, "same"),
        new("GET", "/chat/chat.js", "/chat/chat.js", null, "same"),
        // The panel's page is for people with a role (a browser is sent to sign in); its scripts and styles are public.
        new("GET", "/panel/", "/panel", null, "401 ok ok ok ok ok"),
        new("GET", "/panel/{file}", "/panel/app.js", null, "same"),
        // The KPI dashboard's page: supervisors and admins (its data is GET /api/kpis's).
        new("GET", "/dashboard", "/dashboard", null, "401 403 ok ok ok 403"),
        new("POST", "/api/chat/sessions", "/api/chat/sessions", new { displayName = "Visitor" }, "same"),
        // The visitor's own: the session key (X-Chat-Session-Key) is the credential, whoever else the caller is (401 without it).
        new("POST", "/api/chat/sessions/{threadId}/verification-codes", "/api/chat/sessions/19:none@thread.v2/verification-codes", new { kind = "phone" }, "same"),
        new("POST", "/api/chat/sessions/{threadId}/verify", "/api/chat/sessions/19:none@thread.v2/verify", new { kind = "phone", code = "123456" }, "same"),
        new("POST", "/webhooks/acs/events", "/webhooks/acs/events", new { }, "same"),
        new("OPTIONS", "/webhooks/acs/events", "/webhooks/acs/events", null, "same"),
        new("POST", "/webhooks/acs/calls", "/webhooks/acs/calls", new { }, "same"),
        new("", "/webhooks/acs/transcription", "/webhooks/acs/transcription", null, "same"),
        new("", "/hangfire/{**path}", "/hangfire", null, "401 403 403 403 ok 403"),
        // A signed recording link is its own credential (a CRM's users open it from a ticket, signed in to the CRM, not
        // here): anonymous like a pre-signed storage URL, and without a valid, unexpired signature 403 for everyone.
        new("GET", "/links/recordings", "/links/recordings?file=recordings/none.mp3&expires=4102444800&sig=bm9uZQ", null, "same"),
        // Prometheus' endpoint: admins, or the scrape key (Telemetry:ScrapeKey, TelemetryEndpointTests) that none of these callers has.
        new("", "/metrics", "/metrics", null, "401 403 403 403 ok 403"),
        // The sign-in pages are for everyone; a form posted without the page's antiforgery token is refused alike.
        new("GET", "/signin", "/signin", null, "same"),
        new("POST", "/signin", "/signin", new { }, "same"),
        new("GET", "/signout", "/signout", null, "same"),
        new("POST", "/signout", "/signout", new { }, "same"),
        new("GET", "/setup", "/setup?token=wrong", null, "same"),
        new("POST", "/setup", "/setup", new { }, "same"),
        // The popup sign-in of the CRM's frame: a code only for a browser session (a key is sent to sign in like anyone),
        // and a handoff needs the frame page's form and antiforgery token, whoever calls.
        new("GET", "/signin/popup", "/signin/popup?returnUrl=/panel", null, "same"),
        new("POST", "/signin/handoff", "/signin/handoff", new { }, "same"),
        new("GET", "/signin/framed.js", "/signin/framed.js", null, "same"),
        new("GET", "/signin/popup.js", "/signin/popup.js", null, "same"),
        new("GET", "/api/me", "/api/me", null, "401 ok ok ok ok ok"),
        new("GET", "/api/customers", "/api/customers?identity=whatsapp:+447700900999", null, "401 403 ok 403 ok ok"),
        new("GET", "/api/conversations/{id:guid}", "/api/conversations/{conversation}", null, "401 403 ok 403 ok ok"),
        // Judged on an attachment the conversation does not have: 404 past the gate (AttachmentEndpointTests serves a real one).
        new("GET", "/api/conversations/{id:guid}/attachments/{attachmentId:guid}", "/api/conversations/{conversation}/attachments/00000000-0000-0000-0000-000000000001", null, "401 403 ok 403 ok ok"),
        new("GET", "/api/tasks", "/api/tasks", null, "401 ok ok ok ok ok"),
        new("GET", "/api/routing/decisions/{taskId:guid}", "/api/routing/decisions/{task}", null, "401 403 ok 403 ok ok"),
        new("GET", "/api/routing/sla-breaches", "/api/routing/sla-breaches", null, "401 403 ok ok ok 403"),
        new("GET", "/api/agents", "/api/agents", null, "401 403 ok ok ok 403"),
        new("GET", "/api/queues", "/api/queues", null, "401 403 ok ok ok 403"),
        new("GET", "/api/panel/context", "/api/panel/context", null, "401 ok ok ok ok ok"),
        new("PUT", "/api/agents/{id}", "/api/agents/zed", new { name = "Zed" }, "401 403 403 403 ok 403"),
        new("PUT", "/api/agents/{id}/presence", "/api/agents/bob/presence", new { channels = Array.Empty<string>() }, "401 ok ok 403 ok 403"),
        new("GET", "/api/agents/{id}/chat-token", "/api/agents/ann/chat-token", null, "401 403 403 403 403 ok"),
        new("PUT", "/api/voice/agents/{agentId}/line", "/api/voice/agents/ann/line", new { acsUserId = "8:acs:r_ann" }, "401 403 403 403 ok ok"),
        new("POST", "/api/tasks/{taskId:guid}/reassign", "/api/tasks/{other}/reassign", null, "401 403 ok 403 ok 403"),
        // Only an admin releases a quarantined task (a 409 here: the task is not quarantined).
        new("DELETE", "/api/tasks/{taskId:guid}/quarantine", "/api/tasks/{other}/quarantine", null, "401 403 403 403 ok 403"),
        new("POST", "/api/offers/{taskId:guid}/accept", "/api/offers/{task}/accept", null, "401 403 403 403 403 ok"),
        new("POST", "/api/offers/{taskId:guid}/decline", "/api/offers/{task}/decline", null, "401 403 403 403 403 ok"),
        new("POST", "/api/conversations/{id:guid}/messages", "/api/conversations/{conversation}/messages", new { channel = "whatsapp", text = "Hello" }, "401 403 403 403 403 ok"),
        new("POST", "/api/inbound-events", "/api/inbound-events", new { }, "401 403 403 403 ok 403"),
        new("GET", "/api/outbox", "/api/outbox", null, "401 403 403 403 ok 403"),
        new("POST", "/api/keys", "/api/keys", new { }, "401 403 403 403 ok 403"),
        new("GET", "/api/keys", "/api/keys", null, "401 403 403 403 ok 403"),
        new("DELETE", "/api/keys/{id}", "/api/keys/none", null, "401 403 403 403 ok 403"),
        new("GET", "/api/antiforgery", "/api/antiforgery", null, "401 ok ok ok ok ok"),
        new("POST", "/api/accounts", "/api/accounts", new { }, "401 403 403 403 ok 403"),
        new("GET", "/api/accounts", "/api/accounts", null, "401 403 403 403 ok 403"),
        new("DELETE", "/api/accounts/{id}", "/api/accounts/none", null, "401 403 403 403 ok 403"),
        // The audit log and legal holds: admins only (a hold's PUT and DELETE answer 200/204 or 404 past the gate).
        new("GET", "/api/audit", "/api/audit", null, "401 403 403 403 ok 403"),
        new("PUT", "/api/customers/{id:guid}/legal-hold", "/api/customers/{customer}/legal-hold", new { reason = "matrix" }, "401 403 403 403 ok 403"),
        new("DELETE", "/api/customers/{id:guid}/legal-hold", "/api/customers/{customer}/legal-hold", null, "401 403 403 403 ok 403"),
        new("PUT", "/api/conversations/{id:guid}/legal-hold", "/api/conversations/{conversation}/legal-hold", new { reason = "matrix" }, "401 403 403 403 ok 403"),
        new("DELETE", "/api/conversations/{id:guid}/legal-hold", "/api/conversations/{conversation}/legal-hold", null, "401 403 403 403 ok 403"),
        // Staffing and KPIs: supervisors and admins.
        new("GET", "/api/kpis", "/api/kpis", null, "401 403 ok ok ok 403"),
        new("GET", "/api/staffing", "/api/staffing?channel=voice&perHour=100&handleSeconds=180&withinSeconds=20", null, "401 403 ok ok ok 403"),
        // Calls: the role gate is judged here on an unknown call (404 past it); being on the call is CallControls'
        // own check (CallControlTests: another agent's hold or hang-up is 403).
        new("POST", "/api/calls", "/api/calls", new { to = "+447700900998" }, "401 ok ok ok 403 ok"),
        new("GET", "/api/calls/{callConnectionId}", "/api/calls/none", null, "401 ok ok ok ok ok"),
        new("POST", "/api/calls/{callConnectionId}/hold", "/api/calls/none/hold", null, "401 ok ok ok 403 ok"),
        new("POST", "/api/calls/{callConnectionId}/resume", "/api/calls/none/resume", null, "401 ok ok ok 403 ok"),
        new("POST", "/api/calls/{callConnectionId}/mute", "/api/calls/none/mute", null, "401 ok ok ok 403 ok"),
        new("POST", "/api/calls/{callConnectionId}/transfer", "/api/calls/none/transfer", new { toJourney = "whatsapp" }, "401 ok ok ok 403 ok"),
        new("POST", "/api/calls/{callConnectionId}/supervisor", "/api/calls/none/supervisor", new { supervisorId = "sue" }, "401 ok ok ok 403 ok"),
        new("POST", "/api/calls/{callConnectionId}/hang-up", "/api/calls/none/hang-up", null, "401 ok ok ok 403 ok"),
        new("POST", "/api/calls/{callConnectionId}/secure-capture/start", "/api/calls/none/secure-capture/start", null, "401 ok ok ok 403 ok"),
        new("GET", "/api/calls/{callConnectionId}/secure-capture", "/api/calls/none/secure-capture", null, "401 ok ok ok 403 ok"),
        new("POST", "/api/calls/{callConnectionId}/secure-capture/stop", "/api/calls/none/secure-capture/stop", null, "401 ok ok ok 403 ok"),
        // The hub: connecting needs a sign-in with a stream (its methods: HubMatrix below).
        new("", "/hubs/agent/negotiate", "/hubs/agent/negotiate?negotiateVersion=1", null, "401 ok ok ok ok ok", Send: "POST"),
        new("", "/hubs/agent", "/hubs/agent", null, "401 ok ok ok ok ok"),
        // After ann's accept (rows above): she holds the customer's work. Without a CRM (Crm:Provider=None) a pick is 409 past the gate.
        new("GET", "/api/customers/{id:guid}", "/api/customers/{customer}", null, "401 403 ok 403 ok ok"),
        new("GET", "/api/customers/{id:guid}/crm", "/api/customers/{customer}/crm", null, "401 403 ok 403 ok ok"),
        new("PUT", "/api/customers/{id:guid}/crm/contact", "/api/customers/{customer}/crm/contact", new { recordId = "003000000000001" }, "401 403 ok 403 ok ok"),
        // Past the gate an unknown claim is 404: ann holds the conversation, sue supervises its queue.
        new("POST", "/api/conversations/{id:guid}/claims/{claimId:guid}/confirm", "/api/conversations/{conversation}/claims/00000000-0000-0000-0000-000000000001/confirm", null, "401 403 ok 403 ok ok"),
        // QA evaluations: everyone with a role gets past the gate; what each sees is QaEndpointTests' (an agent only their own:
        // another's is 403). An unknown evaluation is 404 past it.
        new("GET", "/api/qa/evaluations", "/api/qa/evaluations", null, "401 ok ok ok ok ok"),
        new("GET", "/api/qa/evaluations/{id:guid}", "/api/qa/evaluations/00000000-0000-0000-0000-000000000001", null, "401 ok ok ok ok ok"),
        // Insight aggregates: every role, each scoped to what they may see (agents their own, supervisors their queues').
        new("GET", "/api/insights", "/api/insights?groupBy=agent", null, "401 ok ok ok ok ok"),
        // Agent assist: suggestions for the agent holding the conversation, the supervisor of its queue and admins; a use is
        // recorded by the holder as themselves (a 400 past the gate here: no such suggestion). Articles, the reply library
        // and the usage list are admins' (a bad body or an unknown id answers past the gate).
        new("GET", "/api/conversations/{id:guid}/assist", "/api/conversations/{conversation}/assist", null, "401 403 ok 403 ok ok"),
        new("POST", "/api/conversations/{id:guid}/assist/uses", "/api/conversations/{conversation}/assist/uses", new { suggestionId = "none", kind = "reply", action = "shown" }, "401 403 403 403 403 ok"),
        new("GET", "/api/knowledge/articles", "/api/knowledge/articles", null, "401 403 403 403 ok 403"),
        new("POST", "/api/knowledge/articles", "/api/knowledge/articles", new { }, "401 403 403 403 ok 403"),
        new("PUT", "/api/knowledge/articles/{id:guid}", "/api/knowledge/articles/00000000-0000-0000-0000-000000000001", new { }, "401 403 403 403 ok 403"),
        new("POST", "/api/knowledge/articles/{id:guid}/retire", "/api/knowledge/articles/00000000-0000-0000-0000-000000000001/retire", null, "401 403 403 403 ok 403"),
        new("POST", "/api/assist/replies/mine", "/api/assist/replies/mine", new { minSent = 1 }, "401 403 403 403 ok 403"),
        new("GET", "/api/assist/replies", "/api/assist/replies", null, "401 403 403 403 ok 403"),
        new("PUT", "/api/assist/replies/{id:guid}", "/api/assist/replies/00000000-0000-0000-0000-000000000001", new { state = "published" }, "401 403 403 403 ok 403"),
        new("GET", "/api/assist/usage", "/api/assist/usage", null, "401 403 403 403 ok 403"),
        // Last: the agent's wrap-up finishes the work the rows above act on.
        new("POST", "/api/conversations/{id:guid}/wrap-up", "/api/conversations/{conversation}/wrap-up", new { disposition = "Resolved" }, "401 403 403 403 403 ok"),
    ];

    /// <summary>Each hub method, called by each caller on a connection of their own (stream: their agent's, or the admins').</summary>
    private static readonly HubRow[] HubMatrix =
    [
        new(nameof(AgentHub.Resume), [-1L], "401 ok ok ok ok ok"),
        new(nameof(AgentHub.Ack), [0L], "401 ok ok ok ok ok"),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_endpoint_the_Worker_maps_has_a_row_in_the_matrix()
    {
        using var worker = Start(out _);
        var mapped = worker.Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [""]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var judged = Matrix.Select(r => $"{r.Method} {r.Route}").ToHashSet(StringComparer.Ordinal);

        var unjudged = mapped.Where(m => !judged.Contains(m)).ToList();
        var gone = judged.Where(j => !mapped.Contains(j)).ToList();

        var hubMethods = typeof(AgentHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(AgentHub)).Select(m => m.Name);
        unjudged.AddRange(hubMethods.Where(m => HubMatrix.All(r => r.Method != m)).Select(m => $"hub method {m}"));

        Assert.True(unjudged.Count == 0, $"Endpoints without a row in the roles matrix: {string.Join(", ", unjudged)}");
        Assert.True(gone.Count == 0, $"Rows for endpoints the Worker no longer maps: {string.Join(", ", gone)}");
    }

    [Fact]
    public async Task Every_caller_is_allowed_or_refused_at_every_endpoint_as_the_matrix_says()
    {
        await using var worker = Start(out var adminKey);
        using var admin = Client(worker, adminKey);
        var keys = await CallersAsync(worker, adminKey);

        // A WhatsApp customer's task, in the support queue, offered to ann (the only agent online).
        (await admin.PutAsJsonAsync("/api/agents/ann/presence", new { channels = new[] { "whatsapp" } }, Ct)).EnsureSuccessStatusCode();
        // And a second one, for the supervisor to take away from her.
        var (task, conversation, customer) = await ArrivesAsync(admin, "+447700900999");
        var (other, _, _) = await ArrivesAsync(admin, "+447700900998");
        await Eventually.TrueAsync(async () =>
            (await admin.GetFromJsonAsync<JsonElement>("/api/tasks?state=offered", Ct)).EnumerateArray().Count(t => t.GetProperty("id").GetGuid() == task || t.GetProperty("id").GetGuid() == other) == 2,
            TimeSpan.FromSeconds(20));

        var wrong = new List<string>();
        foreach (var row in Matrix)
        {
            var path = row.Path.Replace("{task}", task.ToString(), StringComparison.Ordinal).Replace("{other}", other.ToString(), StringComparison.Ordinal)
                .Replace("{conversation}", conversation.ToString(), StringComparison.Ordinal).Replace("{customer}", customer.ToString(), StringComparison.Ordinal);
            var statuses = new List<int>();
            foreach (var caller in Callers)
            {
                using var client = Client(worker, keys[caller]);
                using var request = new HttpRequestMessage(new HttpMethod(row.Send ?? (row.Method.Length == 0 ? "GET" : row.Method)), path);
                if (row.Body is not null)
                {
                    request.Content = JsonContent.Create(row.Body);
                }

                statuses.Add((int)(await client.SendAsync(request, Ct)).StatusCode);
            }

            var expected = row.Expect == "same" ? null : row.Expect.Split(' ');
            for (var i = 0; i < Callers.Length; i++)
            {
                var fits = expected is null
                    ? statuses[i] == statuses[0]
                    : expected[i] == "ok" ? statuses[i] is not (401 or 403) : statuses[i].ToString(System.Globalization.CultureInfo.InvariantCulture) == expected[i];
                if (!fits)
                {
                    wrong.Add($"{row.Method} {path} as {Callers[i]}: {statuses[i]}, expected {(expected is null ? $"the same as anonymous ({statuses[0]})" : expected[i])}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task Every_caller_may_call_each_hub_method_as_the_matrix_says_and_only_an_admin_follows_the_admins_stream()
    {
        await using var worker = Start(out var adminKey);
        var keys = await CallersAsync(worker, adminKey);

        var wrong = new List<string>();
        foreach (var row in HubMatrix)
        {
            var expected = row.Expect.Split(' ');
            for (var i = 0; i < Callers.Length; i++)
            {
                var outcome = await CallHubAsync(worker, keys[Callers[i]], null, row.Method, row.Arguments);
                var fits = expected[i] == "ok" ? outcome == "ok" : outcome == expected[i];
                if (!fits)
                {
                    wrong.Add($"hub {row.Method} as {Callers[i]}: {outcome}, expected {expected[i]}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal("refused", await CallHubAsync(worker, keys["agent"], PushStreams.Admins, nameof(AgentHub.Resume), [-1L]));
        Assert.Equal("refused", await CallHubAsync(worker, keys["supervisor of the queue"], PushStreams.Admins, nameof(AgentHub.Resume), [-1L]));
        Assert.Equal("ok", await CallHubAsync(worker, keys["admin"], PushStreams.Admins, nameof(AgentHub.Resume), [-1L]));
    }

    /// <summary>"ok", "401" (no connection: negotiate refused) or "refused" (the hub closed the connection or the call).</summary>
    private static async Task<string> CallHubAsync(InProcessWorker worker, string? key, string? stream, string method, object?[] arguments)
    {
        var url = new Uri(worker.Server.BaseAddress, stream is null ? "/hubs/agent" : $"/hubs/agent?{AgentHub.StreamParameter}={stream}");
        await using var connection = new HubConnectionBuilder().WithUrl(url, o =>
        {
            o.HttpMessageHandlerFactory = _ => worker.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            if (key is not null)
            {
                o.Headers["X-Api-Key"] = key;
            }
        }).Build();
        try
        {
            await connection.StartAsync(Ct);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } status)
        {
            return ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        try
        {
            await connection.InvokeCoreAsync(method, typeof(object), arguments, Ct);
            return "ok";
        }
        catch (Exception ex) when (ex is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException)
        {
            return "refused";
        }
    }

    private static async Task<Dictionary<string, string?>> CallersAsync(InProcessWorker worker, string adminKey)
    {
        using var admin = Client(worker, adminKey);
        var supervisorOf = new Dictionary<string, string> { ["sue"] = "support", ["sam"] = "billing" };
        foreach (var (id, skill) in new[] { ("ann", "support"), ("bob", "support"), ("sue", "support"), ("sam", "billing") })
        {
            (await admin.PutAsJsonAsync($"/api/agents/{id}", new
            {
                name = id,
                skills = new Dictionary<string, int> { [skill] = 5 },
                supervises = supervisorOf.TryGetValue(id, out var queue) ? new[] { queue } : null,
            }, Ct)).EnsureSuccessStatusCode();
        }

        return new Dictionary<string, string?>
        {
            ["anonymous"] = null,
            ["another agent"] = await IssueAsync(admin, "agent", "bob"),
            ["supervisor of the queue"] = await IssueAsync(admin, "supervisor", "sue"),
            ["supervisor of another queue"] = await IssueAsync(admin, "supervisor", "sam"),
            ["admin"] = await IssueAsync(admin, "admin", null),
            ["agent"] = await IssueAsync(admin, "agent", "ann"),
        };
    }

    private static InProcessWorker Start(out string adminKey)
    {
        adminKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var charter = Path.Combine(Directory.CreateTempSubdirectory("connector-matrix-").FullName, "charter.yaml");
        File.WriteAllText(charter, """
            journeys:
              support: { preferredChannels: [whatsapp, chat], queue: support }
              billing: { preferredChannels: [email, voice], queue: billing }
            channelJourneys: { whatsapp: support, chat: support, email: billing, voice: billing }
            queues:
              support:
                skills: { support: 1 }
                steps:
                  - kind: requiredSkills
                    after: 0s
              billing:
                skills: { billing: 1 }
                steps:
                  - kind: requiredSkills
                    after: 0s
            """);
        var worker = new InProcessWorker(new()
        {
            ["Api:AdminKey"] = adminKey,
            ["Charter:Path"] = charter,
            ["Router:TickInterval"] = "00:00:00.100",
        });
        _ = worker.Server;
        return worker;
    }

    private static HttpClient Client(InProcessWorker worker, string? key)
    {
        var client = worker.CreateClient(new() { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    private static async Task<(Guid Task, Guid Conversation, Guid Customer)> ArrivesAsync(HttpClient admin, string phone)
    {
        var arrived = await admin.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = $"matrix-{phone}",
            channel = "whatsapp",
            type = "message",
            identities = new[] { new { kind = "whatsapp", value = phone } },
            text = "Hello?",
        }, Ct);
        var intake = await arrived.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (intake.GetProperty("taskId").GetGuid(), intake.GetProperty("conversationId").GetGuid(), intake.GetProperty("customerId").GetGuid());
    }

    private static async Task<string> IssueAsync(HttpClient admin, string role, string? agentId)
    {
        var issued = await admin.PostAsJsonAsync("/api/keys", new { name = $"{role} {agentId}", role, agentId }, Ct);
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }

    /// <param name="Method">As the endpoint declares it ("" for any method).</param>
    /// <param name="Send">The method to send when the endpoint takes any (GET otherwise).</param>
    private sealed record Row(string Method, string Route, string Path, object? Body, string Expect, string? Send = null);

    private sealed record HubRow(string Method, object?[] Arguments, string Expect);
}
