using System.Security.Cryptography;
using System.Text;

namespace Connector.Dynamics;

/// <summary>
/// The primary key a record gets from its idempotency key: a name-based (version 5, SHA-1) UUID in the connector's
/// own namespace. Upserting by it makes a replay address the record written before, with no custom column needed.
/// </summary>
internal static class DynamicsIds
{
    private static readonly byte[] Namespace = new Guid("4f0e3a52-5d2b-4c1e-9a57-6c0b1d2e8f31").ToByteArray(bigEndian: true);

    public static Guid For(string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var name = Encoding.UTF8.GetBytes(idempotencyKey);
        var input = new byte[Namespace.Length + name.Length];
        Namespace.CopyTo(input, 0);
        name.CopyTo(input, Namespace.Length);
#pragma warning disable CA5350 // RFC 4122 version 5 names are SHA-1 by definition; this is an identifier, not a signature.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
