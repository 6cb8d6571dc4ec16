using System.Globalization;
using Connector.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api.Paging;

/// <summary>
/// Reads a list request's query the way every list endpoint shares: <c>limit</c> (default 100, 1–1000), an opaque
/// <c>cursor</c> from the previous page, and filters. Each bad value is kept with its field, and all of them are
/// answered together as one 400 problem+json (<see cref="Problem"/>), so a caller fixes the request in one go.
/// </summary>
internal sealed class ListQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    // Queue, agent and kind names: long enough for any real one, short enough that no request carries a novel.
    private const int MaxNameLength = 200;

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>The 400 to answer when any value was bad; null when all were good.</summary>
    public ValidationProblem? Problem => _errors.Count == 0
        ? null
        : TypedResults.ValidationProblem(_errors, title: $"Invalid {string.Join(", ", _errors.Keys)}",
            detail: string.Join(" ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

    public int Limit(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return DefaultLimit;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit)
        {
            return limit;
        }

        Fail("limit", $"must be a whole number from 1 to {MaxLimit} (got '{Shorten(value)}').");
        return DefaultLimit;
    }

    /// <summary>The previous page's position, read by <paramref name="read"/> from the cursor's parts; null on the first page.</summary>
    public T? Cursor<T>(string? value, Func<string[], T?> read) where T : struct
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (PageCursor.Decode(value) is { } parts && read(parts) is { } position)
        {
            return position;
        }

        Fail("cursor", "is not one this list gave out: pass the cursor of the previous page's Link header as it is, or none for the first page.");
        return null;
    }

    /// <summary>An ISO 8601 time with its offset, e.g. <c>2026-12-07T09:00:00Z</c>.</summary>
    public DateTimeOffset? Time(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time) && HasOffset(value))
        {
            return time;
        }

        Fail(field, $"must be an ISO 8601 time with its offset, e.g. 2026-12-07T09:00:00Z (got '{Shorten(value)}').");
        return null;
    }

    /// <summary>
    /// <paramref name="until"/> must come after <paramref name="since"/> when both are given; the error names the fields
    /// as the list's caller sent them (<c>since</c>/<c>until</c>, or <c>from</c>/<c>to</c>).
    /// </summary>
    public void Ordered(DateTimeOffset? since, DateTimeOffset? until, string sinceField = "since", string untilField = "until")
    {
        if (since is { } from && until is { } to && to <= from)
        {
            Fail(untilField, $"must be later than {sinceField}.");
        }
    }

    public TEnum? Name<TEnum>(string field, string? value) where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (WireNames.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        Fail(field, $"'{Shorten(value)}' is not one of {WireNames.Allowed<TEnum>()}.");
        return null;
    }

    /// <summary>Any of several names: the parameter repeated (<c>state=a&amp;state=b</c>) or comma-separated (<c>state=a,b</c>).</summary>
    public IReadOnlyList<TEnum>? Names<TEnum>(string field, string[]? values) where TEnum : struct, Enum
    {
        var names = (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0)
        {
            return null;
        }

        var parsed = new List<TEnum>();
        foreach (var name in names)
        {
            if (Name<TEnum>(field, name) is { } value)
            {
                parsed.Add(value);
            }
        }

        return parsed.Distinct().ToList();
    }

    /// <summary>A queue's, an agent's or a kind's name, matched exactly.</summary>
    public string? Text(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length <= MaxNameLength && !value.Any(char.IsControl) && value.Trim().Length == value.Length)
        {
            return value;
        }

        Fail(field, $"must be a name of at most {MaxNameLength} characters, without control characters or blanks around it.");
        return null;
    }

    /// <summary>A field the caller checked itself, answered with the others.</summary>
    public void Reject(string field, string message) => Fail(field, message);

    private void Fail(string field, string message) => _errors.TryAdd(field, [message]);

    // A time without an offset would be read in the server's zone: refused rather than guessed.
    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
