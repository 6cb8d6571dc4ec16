namespace Connector.Core.Storage;

/// <summary>Brings the database to this build's schema; safe when several Workers start at once.</summary>
public interface ISchemaMigrator
{
    /// <summary>Applies missing migrations; returns the versions this call applied (none when another did).</summary>
    Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct);

    Task<SchemaStatus> GetStatusAsync(CancellationToken ct);
}
