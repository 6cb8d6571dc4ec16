using System.Data.Common;
using Connector.Core.Storage;
using Connector.Worker.Hosting;

namespace Connector.Worker.Cli.Doctor;

/// <summary>The store answers and its schema is the one this build needs (as <c>/health/ready</c> judges it).</summary>
internal static class StoreCheck
{
    public static async Task<DoctorResult> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var startup = services.GetRequiredService<StartupConfiguration>();
        var name = startup.Mode == HostingMode.Shared ? "Database (PostgreSQL)" : "Database (embedded SQLite)";
        try
        {
            var status = await services.GetRequiredService<ISchemaMigrator>().GetStatusAsync(ct);
            return status.IsCurrent
                ? DoctorResult.Passed(name, $"reachable, schema at version {status.AppliedVersion} of {status.LatestVersion}")
                : DoctorResult.Failed(name, $"reachable, but {status.LatestVersion - status.AppliedVersion} migration(s) pending (schema at {status.AppliedVersion}, this build needs {status.LatestVersion})",
                    "start the Worker once: it applies the pending migrations at start, one Worker at a time under a lock");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return DoctorResult.Failed(name, $"unreachable: {ex.GetBaseException().Message}",
                startup.Mode == HostingMode.Shared
                    ? $"start PostgreSQL, or correct {StartupConfiguration.ConnectionStringKey} (Host, Port, Database, Username, Password)"
                    : $"make {startup.DataDirectory} writable by this user, or set Storage:DataDirectory to a folder that is");
        }
    }
}
