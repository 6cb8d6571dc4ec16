using System.Buffers.Binary;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// UUIDv7 ids for decisions (time-ordered by millisecond, as <see cref="Guid.CreateVersion7(DateTimeOffset)"/>),
/// with the random part from a generator seeded once from the OS, not one system call per id: a decision is
/// made in a few microseconds, and that call alone was a tenth of it.
/// </summary>
internal sealed class DecisionIds
{
    // Unseeded: the runtime seeds it with all of its state from the OS, so two routers never share a stream.
    private readonly Random _random = new();

    public Guid Next(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(ms, nameof(at));
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes[6..]);
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, ms);
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
