namespace Connector.Worker.Acs;

/// <summary>
/// The connector refused a file ACS pointed it to: on a host that is not where ACS keeps files, or larger than the
/// limit. Trying again fetches the same thing, so jobs take it as final rather than as a failure to retry.
/// </summary>
public sealed class AcsDownloadRefusedException(string message) : Exception(message);
