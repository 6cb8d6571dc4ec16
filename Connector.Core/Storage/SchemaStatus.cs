namespace Connector.Core.Storage;

/// <summary>Which migrations the database has, against the ones this build knows.</summary>
public sealed record SchemaStatus(int AppliedVersion, int LatestVersion)
{
    public bool IsCurrent => AppliedVersion == LatestVersion;
}
