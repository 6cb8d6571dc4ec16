using Connector.Core.Storage;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api.Paging;

/// <summary>
/// A page as the list endpoints answer it: the body stays a JSON array of items, and when more follow, a
/// <c>Link: &lt;/api/…?…&amp;cursor=…&gt;; rel="next"</c> header repeats the request's own query with the next cursor.
/// </summary>
internal static class PagedResults
{
    public static Ok<List<TOut>> Ok<T, TOut>(HttpContext http, Page<T> page, Func<T, TOut> map, Func<T, string> cursorOf)
    {
        if (page.HasMore && page.Items.Count > 0)
        {
            http.Response.Headers.Link = $"<{NextUrl(http.Request, cursorOf(page.Items[^1]))}>; rel=\"next\"";
        }

        return TypedResults.Ok(page.Items.Select(map).ToList());
    }

    private static string NextUrl(HttpRequest request, string cursor)
    {
        var query = new QueryBuilder(request.Query
            .Where(q => !string.Equals(q.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
        {
            { "cursor", cursor },
        };
        return $"{request.PathBase}{request.Path}{query}";
    }
}
