using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Connector.Worker.Demo;

/// <summary>
/// Once the Worker listens: makes the demo people through the Worker's own admin API, as an operator would
/// (<c>PUT /api/agents/{id}</c> for each agent and supervisor, <c>POST /api/accounts</c> for every local account; an
/// account already there from an earlier run of the same folder is kept), then prints where to go and how to sign in.
/// </summary>
internal sealed class DemoSetup(DemoMode demo, DemoReady ready, IHostApplicationLifetime lifetime, ILogger<DemoSetup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        using var http = new HttpClient { BaseAddress = demo.Arguments.PublicUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", demo.Secrets.AdminKey);
        foreach (var person in DemoPeople.All)
        {
            if (person.IsAgent)
            {
                using var agent = await http.PutAsJsonAsync($"/api/agents/{person.Id}", new
                {
                    name = person.Name,
                    email = person.Email,
                    capacityProfile = "standard",
                    skills = person.Skills,
                    languages = person.Languages,
                    supervises = person.Supervises,
                }, stoppingToken);
                await EnsureAsync(agent, $"PUT /api/agents/{person.Id}", stoppingToken);
            }

            using var account = await http.PostAsJsonAsync("/api/accounts", new
            {
                email = person.Email,
                displayName = person.Name,
                password = demo.Secrets.Passwords[person.Id],
                role = person.Role,
            }, stoppingToken);
            if (account.StatusCode != HttpStatusCode.BadRequest || !(await account.Content.ReadAsStringAsync(stoppingToken)).Contains("exists already", StringComparison.Ordinal))
            {
                await EnsureAsync(account, $"POST /api/accounts ({person.Email})", stoppingToken);
            }
        }

        ready.Set();
        await Console.Out.WriteLineAsync(Banner());
    }

    /// <summary>The Worker is listening (false when it stopped before it got there).</summary>
    private async Task<bool> StartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, ct));
        return started.Task.IsCompleted && !ct.IsCancellationRequested;
    }

    private async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            logger.LogError("Demo setup: {What} answered {Status}: {Body}", what, (int)response.StatusCode, body);
            throw new InvalidOperationException($"Demo setup failed: {what} answered {(int)response.StatusCode}.");
        }
    }

    private string Banner()
    {
        var panel = new Uri(demo.Arguments.PublicUrl, "panel");
        var text = new StringBuilder()
            .AppendLine()
            .AppendLine("==================== Connector demo ====================")
            .AppendLine($"Open        {panel}")
            .AppendLine($"Data        {demo.Arguments.DataDirectory}  (--reset starts afresh)")
            .AppendLine("Sign in as (email / password):");
        foreach (var person in DemoPeople.All)
        {
            text.AppendLine($"  {person.Role,-10} {person.Email,-22} {demo.Secrets.Passwords[person.Id]}   ({person.Name})");
        }

        return text
            .AppendLine("Go online in the panel: customers are writing and calling on WhatsApp, web chat, email and voice.")
            .AppendLine("Stop with Ctrl+C.")
            .AppendLine("========================================================")
            .ToString();
    }
}
