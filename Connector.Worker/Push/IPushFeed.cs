namespace Connector.Worker.Push;

/// <summary>
/// Carries committed journal entries to every Worker, where the connections following their streams are. The journal
/// stays the truth: an entry lost here is read from it by the connection that notices the gap, and a feed that may
/// have lost entries says so (<c>missed</c>) so that every connection looks.
/// </summary>
internal interface IPushFeed
{
    /// <summary>
    /// Delivers the entries to every Worker's subscriber, this one's first and without a round trip (its own echo from
    /// the others' channel comes back too, and is dropped by sequence); never throws for a delivery that failed.
    /// </summary>
    Task PublishAsync(IReadOnlyList<PushEntry> entries);

    /// <summary>One subscriber per Worker (its connections), before the host starts.</summary>
    void Subscribe(Action<IReadOnlyList<PushEntry>> received, Action missed);

    /// <summary>Starts receiving (connects where there is something to connect to).</summary>
    Task StartAsync(CancellationToken ct);
}
