using System.Text.Json;
using Connector.Ai;
using Connector.Worker.Acs;
using Connector.Worker.Crm;
using Connector.Worker.Hosting.Reachability;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Hosting;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddConnectorHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<OutsideCalls>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, OutsideCallFilter>());
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag])
            .AddCheck<ImapHealthCheck>("imap", tags: [ReadyTag])
            .Add(OutsideCall(OutsideCalls.Acs, sp => sp.GetRequiredService<AcsConnection>().IsConfigured))
            .Add(OutsideCall(OutsideCalls.Crm, sp => sp.GetRequiredService<IConfiguration>()[CrmAdapterRegistry.ProviderKey] is { Length: > 0 } crm
                && !crm.Equals("None", StringComparison.OrdinalIgnoreCase)))
            .Add(OutsideCall(OutsideCalls.Ai, sp => sp.GetRequiredService<IOptions<AiOptions>>().Value.Provider != AiProvider.None));
        return services;
    }

    /// <summary><c>/health</c>: the process is alive. <c>/health/ready</c>: the store answers with a current schema, and Redis and
    /// the mailbox answer when configured (a service not configured is reported healthy with "not set"); ACS, the CRM and
    /// the AI service are Degraded (still 200) when the Worker's last call to them failed.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static HealthCheckRegistration OutsideCall(string service, Func<IServiceProvider, bool> configured) =>
        new(service, sp => new OutsideCallHealthCheck(sp.GetRequiredService<OutsideCalls>(), service, configured, sp), failureStatus: null, tags: [ReadyTag]);

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
