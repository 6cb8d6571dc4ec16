using System.Net;
using Hangfire.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Connector.Worker.Tests.Infrastructure;

/// <summary>
/// The Worker's own composition (Program.cs) on a test server, embedded store in a directory of its own: for tests
/// that need a caller from another address, or the Worker's endpoint table. Use with <c>[Collection(InProcessWorkers.Name)]</c>.
/// </summary>
public sealed class InProcessWorker(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    private readonly string _data = Directory.CreateTempSubdirectory("connector-inprocess-").FullName;

    public async Task<int> GetAsync(string path, IPAddress from, string? forwardedFor = null)
    {
        var context = await Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = from;
            if (forwardedFor is not null)
            {
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
        return context.Response.StatusCode;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Hangfire logs through a process-wide provider that the Worker pointed at its own logger factory, now
        // disposed: other tests' in-memory storages would fail to log through it.
        LogProvider.SetCurrentLogProvider(null);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Storage:DataDirectory", _data);
        builder.UseSetting("Email:Imap:Host", "");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
