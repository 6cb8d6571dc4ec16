using System.Buffers;
using System.Globalization;

namespace Connector.Worker.Acs;

/// <summary>
/// Copies a file ACS serves into a stream, never past a limit: a length announced over it is refused before the
/// body is read, and a body that keeps coming is cut off one byte past the limit (never asked for more), so a
/// server that streams forever costs at most the limit and one buffer. Disposing the response then drops the
/// connection (the clients are built with <c>MaxResponseDrainSize = 0</c>, so nothing more is read to reuse it).
/// </summary>
internal static class AcsFileCopy
{
    private const int BufferSize = 81920;

    /// <summary>
    /// The primary handler of clients that fetch files: a response cut off at the limit is not drained to reuse its
    /// connection (the default reads up to 1 MB more), and redirects are not followed, so a signed request goes
    /// only where it was sent.
    /// </summary>
    public static HttpMessageHandler Handler() => new SocketsHttpHandler { MaxResponseDrainSize = 0, AllowAutoRedirect = false };

    /// <returns>The number of bytes written.</returns>
    /// <exception cref="AcsDownloadRefusedException">The file is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<long> CopyAsync(HttpResponseMessage response, Stream destination, long maxBytes, string what, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength is { } announced && announced > maxBytes)
        {
            throw TooLarge(what, maxBytes, $"ACS announced {announced.ToString(CultureInfo.InvariantCulture)} bytes");
        }

        await using var source = await response.Content.ReadAsStreamAsync(ct);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var total = 0L;
            while (true)
            {
                var wanted = (int)Math.Min(BufferSize, maxBytes + 1 - total);
                var read = await source.ReadAsync(buffer.AsMemory(0, wanted), ct);
                if (read == 0)
                {
                    return total;
                }

                total += read;
                if (total > maxBytes)
                {
                    throw TooLarge(what, maxBytes, "the body went on past it");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static AcsDownloadRefusedException TooLarge(string what, long maxBytes, string why) =>
        new($"The {what} is larger than the limit of {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes ({why}); the download was stopped.");
}
