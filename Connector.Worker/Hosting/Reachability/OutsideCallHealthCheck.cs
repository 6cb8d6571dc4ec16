using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connector.Worker.Hosting.Reachability;

/// <summary>
/// Readiness for an outside service the Worker calls: Degraded, not Unhealthy, when its last call failed. The Worker
/// still takes webhooks and keeps the work in the outbox until the service answers again, so a proxy must not take it
/// out of rotation for an outage it cannot fix; the status and the description tell the operator.
/// </summary>
internal sealed class OutsideCallHealthCheck(OutsideCalls calls, string service, Func<IServiceProvider, bool> configured, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!configured(services))
        {
            return Task.FromResult(HealthCheckResult.Healthy("not set"));
        }

        var result = calls.Last(service) switch
        {
            null => HealthCheckResult.Healthy("no call since start"),
            { Answered: true } last => HealthCheckResult.Healthy($"last call {At(last)}: {last.Detail}"),
            var last => HealthCheckResult.Degraded($"last call {At(last)}: {last.Detail}; its work waits in the outbox and is retried (run doctor)"),
        };
        return Task.FromResult(result);
    }

    private static string At(OutsideCall call) => call.At.ToString("O", CultureInfo.InvariantCulture);
}
