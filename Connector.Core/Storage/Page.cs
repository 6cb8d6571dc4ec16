namespace Connector.Core.Storage;

/// <summary>
/// One page of a list read in key order (keyset paging): the items, and whether more follow the last of them. The
/// next page starts after the last item's key, so a row added or removed meanwhile never shifts one in or out twice.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, bool HasMore);
