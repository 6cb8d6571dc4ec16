using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.Telemetry;

/// <summary>
/// Debian's Prometheus scrapes a Worker process as an operator would set it up: a throwaway config on loopback whose
/// scrape job sends the Worker's scrape key from a file (<c>authorization.credentials_file</c>); its HTTP API then
/// has the Worker's series.
/// </summary>
public sealed class PrometheusScrapeTests : IAsyncLifetime
{
    private const string WebhookKey = "wh-scrape-key";
    private readonly string _dir = Directory.CreateTempSubdirectory("connector-prometheus-").FullName;
    private readonly string _scrapeKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private WorkerProcess _worker = null!;
    private Process? _prometheus;
    private readonly List<string> _prometheusOutput = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _worker = WorkerProcess.Start(new Dictionary<string, string?>
        {
            ["Acs__WebhookKey"] = WebhookKey,
            ["Identity__DefaultRegion"] = "GB",
            ["Telemetry__ScrapeKey"] = _scrapeKey,
        });
        await _worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (_prometheus is { HasExited: false })
        {
            _prometheus.Kill(entireProcessTree: true);
            await _prometheus.WaitForExitAsync();
        }

        _prometheus?.Dispose();
        await _worker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Prometheus_scrapes_the_workers_series_with_the_scrape_key()
    {
        var message = JsonNode.Parse(AcsEvents.AdvancedMessageReceived)!;
        message["id"] = Guid.NewGuid().ToString();
        message["data"]!["messageId"] = Guid.NewGuid().ToString();
        var delivered = await FakeAcsServer.PostEventGridEventsAsync(new Uri(_worker.BaseAddress, $"/webhooks/acs/events?key={WebhookKey}"), "[" + message.ToJsonString() + "]", Ct);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var api = StartPrometheus();

        await Eventually.TrueAsync(async () => await ValueAsync(api, "up{job=\"connector\"}") == 1, TimeSpan.FromSeconds(60), Describe);
        await Eventually.TrueAsync(async () => await ValueAsync(api, "sum(connector_webhook_events_total{job=\"connector\",outcome=\"accepted\"})") == 1,
            TimeSpan.FromSeconds(30), Describe);
        Assert.True(await ValueAsync(api, "count({job=\"connector\",__name__=~\"process_runtime_dotnet_.*|dotnet_.*\"})") > 0, "runtime instrumentation series");
        Assert.True(await ValueAsync(api, "count({job=\"connector\",__name__=~\"http_server_request_duration_seconds_.*\"})") > 0, "ASP.NET Core instrumentation series");
    }

    private Uri StartPrometheus()
    {
        var keyFile = Path.Combine(_dir, "scrape-key");
        File.WriteAllText(keyFile, _scrapeKey);
        var port = WorkerProcess.FreePort();
        var config = Path.Combine(_dir, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: connector
                scrape_interval: 1s
                metrics_path: /metrics
                authorization:
                  credentials_file: {keyFile}
                static_configs:
                  - targets: ['{_worker.BaseAddress.Authority}']
            """);
        var start = new ProcessStartInfo(DebianPrometheus.Prometheus) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_dir, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        _prometheus = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        _prometheus.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_prometheusOutput) { _prometheusOutput.Add(e.Data); } } };
        _prometheus.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_prometheusOutput) { _prometheusOutput.Add(e.Data); } } };
        _prometheus.BeginOutputReadLine();
        _prometheus.BeginErrorReadLine();
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The instant query's single value, or null while Prometheus is not up or has no such series.</summary>
    private static async Task<double?> ValueAsync(Uri api, string query)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var answer = await http.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(query)}", Ct);
            var result = answer.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 1
                ? double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }
        catch (HttpRequestException)
        {
            return null; // Not listening yet.
        }
    }

    private string Describe()
    {
        lock (_prometheusOutput)
        {
            return $"prometheus:\n{string.Join('\n', _prometheusOutput.TakeLast(30))}\nworker:\n{_worker.Output}";
        }
    }
}
