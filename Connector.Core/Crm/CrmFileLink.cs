namespace Connector.Core.Crm;

/// <summary>A signed link to a file the connector keeps, and when it stops working.</summary>
public sealed record CrmFileLink(Uri Url, DateTimeOffset ExpiresAt);
