using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace Connector.Worker.Push;

/// <summary>
/// One client connection following one stream. Everything sent to it passes through this one queue, in order: the
/// replay that <c>Resume</c> asks for, live entries from the feed, and looks at the journal when an entry was missed.
/// It remembers the last number sent, so a live entry that the replay already sent is dropped and one that arrives
/// ahead of a missing one makes it read the journal first: the client gets each number once, in order.
/// </summary>
internal sealed class PushSession(string connectionId, string stream, PushJournal journal, IHubContext<AgentHub> hub, ILogger logger)
{
    private const long NotResumed = -1;
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private long _sent = NotResumed;

    public string ConnectionId => connectionId;

    public string Stream => stream;

    /// <summary>The last number sent; negative until the client resumed.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public void Deliver(PushEntry entry) => _inbox.Writer.TryWrite(entry);

    /// <summary>Entries may have been lost on the way: read the journal after the last one sent.</summary>
    public void Look() => _inbox.Writer.TryWrite(LookRequest.Instance);

    /// <summary>
    /// Sends what follows <paramref name="afterSeq"/> (nothing of the past when negative), then live messages; returns the
    /// last number sent by then.
    /// </summary>
    public Task<long> ResumeAsync(long afterSeq)
    {
        var request = new ResumeRequest(afterSeq);
        if (!_inbox.Writer.TryWrite(request))
        {
            throw new HubException("The connection is closing.");
        }

        return request.Done.Task;
    }

    public void Close() => _inbox.Writer.TryComplete();

    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var item in _inbox.Reader.ReadAllAsync(ct))
        {
            try
            {
                switch (item)
                {
                    case ResumeRequest resume:
                        await ResumeFromAsync(resume, ct);
                        break;
                    case PushEntry entry when Sent >= 0 && entry.Seq > Sent:
                        if (entry.Seq == Sent + 1 && entry.Data is not null)
                        {
                            await SendAsync(entry, ct);
                        }
                        else
                        {
                            await CatchUpAsync(ct);
                        }

                        break;
                    case LookRequest when Sent >= 0:
                        await CatchUpAsync(ct);
                        break;
                }
            }
            catch (DbException ex)
            {
                // Nothing is marked sent that was not: the next entry or look reads the journal again from the same place.
                logger.LogWarning(ex, "Push connection {ConnectionId} ({Stream}) could not read the journal after {Seq}; will read again", connectionId, stream, Sent);
            }
        }
    }

    private async Task ResumeFromAsync(ResumeRequest resume, CancellationToken ct)
    {
        try
        {
            var last = (await journal.LastSeqsAsync([stream], ct))[stream];
            if (resume.AfterSeq < 0 || resume.AfterSeq > last)
            {
                // From now on (a new panel, or a number this stream never gave: its journal was reset).
                Interlocked.Exchange(ref _sent, last);
            }
            else
            {
                Interlocked.Exchange(ref _sent, resume.AfterSeq);
                await CatchUpAsync(ct);
            }

            resume.Done.TrySetResult(Sent);
        }
        catch (Exception ex) when (ex is DbException or OperationCanceledException)
        {
            Interlocked.Exchange(ref _sent, NotResumed);
            resume.Done.TrySetException(new HubException("The journal could not be read; resume again."));
            throw;
        }
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        while (true)
        {
            var batch = await journal.ReadAfterAsync(stream, Sent, ct);
            if (batch.Count > 0 && batch[0].Seq > Sent + 1)
            {
                // Numbers commit in order, so a hole before a committed one was pruned: the client must reload its state.
                await hub.Clients.Client(connectionId).SendAsync("gap", new { afterSeq = Sent, nextSeq = batch[0].Seq }, ct);
            }

            foreach (var entry in batch)
            {
                await SendAsync(entry, ct);
            }

            if (batch.Count < PushJournal.ReadBatch)
            {
                return;
            }
        }
    }

    private async Task SendAsync(PushEntry entry, CancellationToken ct)
    {
        var data = JsonSerializer.Deserialize<JsonElement>(entry.Data!);
        await hub.Clients.Client(connectionId).SendAsync("push", new PushMessage(entry.Seq, entry.Type, entry.At, data), ct);
        Interlocked.Exchange(ref _sent, entry.Seq);
    }

    private sealed record ResumeRequest(long AfterSeq)
    {
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class LookRequest
    {
        public static readonly LookRequest Instance = new();
    }
}
