using Connector.Core.Outbox;

namespace Connector.Core.Storage;

/// <summary>A page of outbox rows in the order they were written (their ids), filtered; every filter left null matches all.</summary>
/// <param name="Since">Written at or after.</param>
/// <param name="Until">Written before.</param>
/// <param name="After">The last id of the previous page.</param>
public sealed record OutboxListQuery(
    int Limit,
    OutboxState? State = null,
    string? Kind = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    long? After = null);
