using System.Globalization;
using System.Text;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Connector.Worker.Audit;

/// <summary>
/// <c>GET /api/audit</c>, admins only (others 403): who played a recording or read a transcript, who changed agents,
/// keys and legal holds, and each purge. Newest first, paged by the shared convention (<c>limit</c>, <c>cursor</c>,
/// <c>Link: rel="next"</c>), filtered by <c>kind</c>, <c>actor</c>, <c>subject</c>, <c>from</c> and <c>to</c>.
/// </summary>
internal static class AuditEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).RequireAuthorization(Policies.Admin).WithTags("Audit")
            .WithSummary("The audit log, newest first (admins): filter by kind, actor, subject, from, to; paged with limit and cursor (Link rel=next).");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> ListAsync(
        string? kind, string? actor, string? subject, string? from, string? to, string? limit, string? cursor, HttpContext http, AuditLog audit, CancellationToken ct)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            return Invalid("limit", $"limit must be a whole number from 1 to {MaxLimit} (got '{limit}').");
        }

        long? before = null;
        if (cursor is not null)
        {
            if (Decode(cursor) is not { } decoded)
            {
                return Invalid("cursor", "cursor is not one this endpoint gave out: pass the cursor of a Link rel=\"next\" unchanged.");
            }

            before = decoded;
        }

        if (kind is not null && !AuditKinds.All.Contains(kind))
        {
            return Invalid("kind", $"kind must be one of {string.Join(", ", AuditKinds.All)} (got '{kind}').");
        }

        if (!TryTime(from, out var fromAt))
        {
            return Invalid("from", $"from must be a time, e.g. 2026-12-01T00:00:00Z (got '{from}').");
        }

        if (!TryTime(to, out var toAt))
        {
            return Invalid("to", $"to must be a time, e.g. 2026-12-01T00:00:00Z (got '{to}').");
        }

        // One more than asked says whether there is a next page without counting.
        var entries = await audit.ListAsync(new AuditQuery(kind, Blank(actor), Blank(subject), fromAt, toAt), before, size + 1, ct);
        if (entries.Count > size)
        {
            entries = [.. entries.Take(size)];
            var next = QueryHelpers.ParseQuery(http.Request.QueryString.Value)
                .Where(p => p.Key != "cursor")
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
                .Append(new("cursor", Encode(entries[^1].Id)));
            http.Response.Headers.Link = $"<{QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, next)}>; rel=\"next\"";
        }

        return TypedResults.Ok(entries);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static bool TryTime(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (text is null)
        {
            return true;
        }

        // A time without an offset is taken as UTC, as the audit log's times are.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            at = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }

    // Opaque to callers: "a{id}" in base64url, so that a cursor is never mistaken for an id to edit.
    private static string Encode(long id) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"a{id}")));

    private static long? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            return text.StartsWith('a') && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ValidationProblem Invalid(string field, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [detail] }, title: $"Invalid {field}");
}
