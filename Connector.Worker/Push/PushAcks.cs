using System.Collections.Concurrent;

namespace Connector.Worker.Push;

/// <summary>
/// The acknowledgements clients sent since the last write, the highest per stream. An acknowledgement only lets
/// pruning delete a message sooner (after <see cref="PushOptions.AckedRetention"/>, minutes), so writing one row per
/// <c>Ack</c> would spend a transaction per offer on a fact nobody reads for minutes: <see cref="PushAckWriter"/>
/// writes what gathered here in one statement a second.
/// </summary>
internal sealed class PushAcks
{
    private ConcurrentDictionary<string, long> pending = new(StringComparer.Ordinal);

    /// <summary>The stream's client has everything up to <paramref name="seq"/>; a lower number than one kept changes nothing.</summary>
    /// <remarks>
    /// A record racing a <see cref="Take"/> may land in the set just taken after it was written: that acknowledgement
    /// waits for the client's next one (the panel acknowledges every 2 s, always its highest number), and at worst its
    /// messages stay until the journal's retention. Nothing a client needs is lost either way.
    /// </remarks>
    public void Record(string stream, long seq) =>
        Volatile.Read(ref pending).AddOrUpdate(stream, seq, (_, kept) => Math.Max(kept, seq));

    /// <summary>What gathered since the last call; recording goes on into an empty set.</summary>
    public IReadOnlyDictionary<string, long> Take()
    {
        var taken = Interlocked.Exchange(ref pending, new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
        return taken;
    }

    /// <summary>Puts back what could not be written, so that the next write carries it.</summary>
    public void Restore(IReadOnlyDictionary<string, long> acks)
    {
        foreach (var (stream, seq) in acks)
        {
            Record(stream, seq);
        }
    }
}
