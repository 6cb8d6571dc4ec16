using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Worker.Tests.Fakes.Files;

/// <summary>
/// A file host on loopback that is not ACS: it records every request it gets (path and whether it carried an
/// Authorization header) and answers each with a body that never ends, without a length, until the client goes away.
/// As "a foreign host" it must get no request at all; as "a file over the limit" it shows where the client stopped.
/// </summary>
public sealed class LoopbackFileServer : IAsyncDisposable
{
    public const int BlockSize = 16 * 1024;

    private readonly ConcurrentQueue<(string Path, bool Signed)> _requests = new();
    private readonly TaskCompletionSource<long> _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private long _written;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<(string Path, bool Signed)> Requests => _requests.ToList();

    /// <summary>Bytes the server handed to the connection (the client read at most this many).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Completes with the bytes written when a client stopped reading and dropped the connection.</summary>
    public Task<long> Abandoned => _abandoned.Task;

    public static async Task<LoopbackFileServer> StartAsync(CancellationToken ct)
    {
        var server = new LoopbackFileServer();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        server._app = builder.Build();
        server._app.Run(server.ServeForeverAsync);
        await server._app.StartAsync(ct);
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task ServeForeverAsync(HttpContext context)
    {
        _requests.Enqueue((context.Request.Path.Value ?? "", context.Request.Headers.Authorization.Count > 0));
        context.Response.ContentType = "audio/mpeg";
        var block = new byte[BlockSize];
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(block, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                Interlocked.Add(ref _written, block.Length);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client dropped the connection: what this server exists to see.
        }

        _abandoned.TrySetResult(Written);
    }
}
