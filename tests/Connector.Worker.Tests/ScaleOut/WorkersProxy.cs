using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Connector.Worker.Tests.ScaleOut;

/// <summary>
/// YARP on loopback in front of several Workers, configured as an operator would: everything round robin, except the
/// agent hub, whose negotiate and WebSocket must reach the same Worker (cookie affinity). It records which Worker each
/// request was sent to.
/// </summary>
internal sealed class WorkersProxy : IAsyncDisposable
{
    public const string AffinityCookie = ".Connector.Worker";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ProxiedRequest> _requests = new();

    private WorkersProxy(WebApplication app, IReadOnlyList<(string Id, Uri Address)> workers)
    {
        _app = app;
        Workers = workers;
    }

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<(string Id, Uri Address)> Workers { get; }

    /// <summary>Each request as the proxy sent it on: path, the Worker chosen, and the caller's API key (to tell agents apart).</summary>
    public IReadOnlyList<ProxiedRequest> Requests => [.. _requests];

    public static async Task<WorkersProxy> StartAsync(params (string Id, Uri Address)[] workers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var destinations = workers.ToDictionary(w => w.Id, w => new DestinationConfig { Address = w.Address.ToString() });
        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new RouteConfig { RouteId = "hub", ClusterId = "pinned", Match = new RouteMatch { Path = "/hubs/{**rest}" } },
                new RouteConfig { RouteId = "everything-else", ClusterId = "spread", Match = new RouteMatch { Path = "{**rest}" } },
            ],
            [
                new ClusterConfig { ClusterId = "spread", LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin, Destinations = destinations },
                new ClusterConfig
                {
                    ClusterId = "pinned",
                    LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                    SessionAffinity = new SessionAffinityConfig { Enabled = true, Policy = "Cookie", AffinityKeyName = AffinityCookie },
                    Destinations = destinations,
                },
            ]);
        var app = builder.Build();
        var proxy = new WorkersProxy(app, workers);
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            // After load balancing one destination is left: the Worker this request goes to. Recorded before it is sent,
            // because a WebSocket's request lasts as long as the connection.
            pipeline.Use((context, next) =>
            {
                var chosen = context.GetReverseProxyFeature().AvailableDestinations;
                proxy._requests.Enqueue(new ProxiedRequest(
                    context.Request.Method, context.Request.Path.Value ?? "", chosen.Count == 1 ? chosen[0].DestinationId : "?", context.Request.Headers["X-Api-Key"].ToString()));
                return next();
            });
            pipeline.UsePassiveHealthChecks();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        proxy.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return proxy;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

internal sealed record ProxiedRequest(string Method, string Path, string Worker, string ApiKey);
