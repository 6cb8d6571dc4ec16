using System.Data.Common;
using Connector.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connector.Worker.Hosting;

/// <summary>Ready means: the store answers and its schema is the one this build expects.</summary>
internal sealed class StoreHealthCheck(ISchemaMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await migrator.GetStatusAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["schemaVersion"] = status.AppliedVersion, ["expectedSchemaVersion"] = status.LatestVersion };
            return status.IsCurrent
                ? HealthCheckResult.Healthy("Store reachable, migrations current.", data)
                : HealthCheckResult.Unhealthy($"Store schema is at version {status.AppliedVersion}, this build needs {status.LatestVersion}.", data: data);
        }
        catch (DbException ex)
        {
            return HealthCheckResult.Unhealthy("Store unreachable.", ex);
        }
    }
}
