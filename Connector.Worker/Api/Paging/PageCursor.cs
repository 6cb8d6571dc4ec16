using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Connector.Worker.Api.Paging;

/// <summary>
/// The opaque <c>cursor</c> of a list's next page: the last item's key, its parts joined and base64url-encoded, so that
/// it travels in a query string as it is. Opaque to callers (they pass it back untouched), not a secret: what it holds
/// is the key of an item the caller has just been shown.
/// </summary>
internal static class PageCursor
{
    private const char Separator = '~';

    // Long enough for a time and a UUID; anything longer did not come from here.
    private const int MaxLength = 200;

    public static string Encode(params string[] parts) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator, parts)));

    public static string Encode(DateTimeOffset at, Guid id) => Encode(at.UtcTicks.ToString(CultureInfo.InvariantCulture), id.ToString("N"));

    /// <returns>The parts, or null when the text is not a cursor.</returns>
    public static string[]? Decode(string cursor)
    {
        if (cursor.Length > MaxLength || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(Separator);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static Guid? Id(string[] parts) => parts is [var id] && Guid.TryParseExact(id, "N", out var guid) ? guid : null;

    public static long? Number(string[] parts) => parts is [var n] && long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static (DateTimeOffset At, Guid Id)? TimeAndId(string[] parts) =>
        parts is [var ticks, var id]
        && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTimeOffset.MaxValue.UtcTicks
        && Guid.TryParseExact(id, "N", out var guid)
            ? (new DateTimeOffset(t, TimeSpan.Zero), guid)
            : null;
}
