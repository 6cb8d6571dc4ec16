using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Connector.Worker.Push;

/// <summary>
/// This Worker's push connections, indexed by stream, fed by the <see cref="IPushFeed"/>. Now and then it compares
/// each followed stream's last number with what its connections were sent: the safety net for an entry the feed lost.
/// </summary>
internal sealed class PushSessions(PushJournal journal, IPushFeed feed, IHubContext<AgentHub> hub, ILogger<PushSessions> logger) : BackgroundService
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, PushSession> _byConnection = new(StringComparer.Ordinal);
    // A stream's sessions as an array replaced whole under _streamsLock: delivery reads it without locking, and a stream
    // costs one small array instead of a dictionary of its own (5,000 agents online are 5,000 streams of one session).
    // A stream with no session left is removed, so streams of agents gone offline do not pile up.
    private readonly ConcurrentDictionary<string, PushSession[]> _byStream = new(StringComparer.Ordinal);
    private readonly Lock _streamsLock = new();
    private readonly CancellationTokenSource _stopping = new();

    public PushSession Open(string connectionId, string stream)
    {
        var session = new PushSession(connectionId, stream, journal, hub, logger);
        _byConnection[connectionId] = session;
        lock (_streamsLock)
        {
            _byStream[stream] = _byStream.TryGetValue(stream, out var others) ? [.. others, session] : [session];
        }

        _ = RunAsync(session);
        return session;
    }

    public PushSession? Find(string connectionId) => _byConnection.GetValueOrDefault(connectionId);

    public void Close(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var session))
        {
            session.Close();
            lock (_streamsLock)
            {
                if (_byStream.TryGetValue(session.Stream, out var sessions))
                {
                    PushSession[] rest = [.. sessions.Where(s => !ReferenceEquals(s, session))];
                    if (rest.Length == 0)
                    {
                        _byStream.TryRemove(session.Stream, out _);
                    }
                    else
                    {
                        _byStream[session.Stream] = rest;
                    }
                }
            }
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Subscribe(Received, Missed);
        await feed.StartAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SafetyNet);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var followed = _byConnection.Values.Where(s => s.Sent >= 0).ToList();
            if (followed.Count == 0)
            {
                continue;
            }

            try
            {
                var last = await journal.LastSeqsAsync([.. followed.Select(s => s.Stream).Distinct(StringComparer.Ordinal)], stoppingToken);
                foreach (var session in followed.Where(s => last[s.Stream] > s.Sent))
                {
                    session.Look();
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The safety net must outlive what it guards against: whatever failed, it looks again next round.
                logger.LogWarning(ex, "Push safety net could not read the streams' numbers; will look again");
            }
        }
    }

    private void Received(IReadOnlyList<PushEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (_byStream.TryGetValue(entry.Stream, out var sessions))
            {
                foreach (var session in sessions)
                {
                    session.Deliver(entry);
                }
            }
        }
    }

    private void Missed()
    {
        foreach (var session in _byConnection.Values)
        {
            session.Look();
        }
    }

    private async Task RunAsync(PushSession session)
    {
        try
        {
            await session.RunAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The Worker is stopping; the client resumes elsewhere from its last number.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Push connection {ConnectionId} ({Stream}) stopped; the client is disconnected to resume", session.ConnectionId, session.Stream);
            Close(session.ConnectionId);
        }
    }
}
