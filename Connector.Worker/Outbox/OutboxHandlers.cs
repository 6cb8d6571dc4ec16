using Connector.Core.Outbox;

namespace Connector.Worker.Outbox;

/// <summary>
/// The outbox dispatch table: every kind a room registered with <see cref="OutboxServiceCollectionExtensions.AddOutboxHandler{THandler}"/>,
/// and nothing else. The dispatcher queues a row's job from it; the job finds the row's handler in it.
/// </summary>
public sealed class OutboxHandlers : IOutboxConsumers
{
    private readonly Dictionary<string, OutboxRoute> _routes = [];
    private readonly OutboxWake? _wake;

    /// <param name="wake">Woken when a row of a kind that runs at once is committed; null: the dispatcher's poll finds it.</param>
    public OutboxHandlers(IEnumerable<OutboxRoute> routes, OutboxWake? wake = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _wake = wake;
        foreach (var route in routes)
        {
            if (!_routes.TryAdd(route.Kind, route))
            {
                throw new InvalidOperationException($"Outbox kind '{route.Kind}' has two handlers: {_routes[route.Kind].Handler.Name} and {route.Handler.Name}.");
            }
        }
    }

    /// <summary>
    /// How long a row no handler of this Worker takes waits before it is looked at again: written by a Worker with
    /// another configuration (a CRM adapter since removed), it is kept for one that can do it, never dropped.
    /// </summary>
    public static readonly TimeSpan UnhandledRetryDelay = TimeSpan.FromHours(1);

    public bool Consumes(string kind) => _routes.ContainsKey(kind);

    public void Committed(IReadOnlyCollection<string> kinds)
    {
        if (_wake is not null && kinds.Any(k => _routes.GetValueOrDefault(k)?.RunsAtOnce == true))
        {
            _wake.Pulse();
        }
    }

    public OutboxRoute? Find(string kind) => _routes.GetValueOrDefault(kind);

    /// <summary>The handler of a kind, from the job's own scope.</summary>
    public static IOutboxHandler Resolve(IServiceProvider scope, string kind) =>
        scope.GetKeyedService<IOutboxHandler>(kind) ?? throw new OutboxKindUnknownException(kind);
}
