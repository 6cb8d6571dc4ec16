using System.Globalization;
using System.Net.Http.Headers;

namespace Connector.Dynamics.Batch;

/// <summary>
/// Reads a <c>$batch</c> answer: one top-level part per change set or lone request, in the order sent. A change set
/// that succeeded answers with a nested <c>changesetresponse_</c> multipart (one response per request); one that
/// failed answers with the single error that rolled it back.
/// </summary>
internal static class DynamicsBatchResponse
{
    /// <returns>Per change set: its requests' answers (all of them), or the one answer that failed it.</returns>
    public static IReadOnlyList<IReadOnlyList<DynamicsOperationResult>> Read(string body, MediaTypeHeaderValue? contentType)
    {
        var boundary = Boundary(contentType) ?? throw new FormatException("The $batch answer is not multipart/mixed with a boundary.");
        var sets = new List<IReadOnlyList<DynamicsOperationResult>>();
        foreach (var part in Parts(body, boundary))
        {
            var (headers, content) = SplitHeaders(part);
            var type = headers.GetValueOrDefault("content-type");
            if (type is not null && type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                var inner = Boundary(MediaTypeHeaderValue.Parse(type)) ?? throw new FormatException("A change set answer has no boundary.");
                sets.Add(Parts(content, inner).Select(p => Http(SplitHeaders(p).Body)).ToList());
            }
            else
            {
                sets.Add([Http(content)]);
            }
        }

        return sets;
    }

    private static string? Boundary(MediaTypeHeaderValue? type) =>
        type?.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');

    private static List<string> Parts(string body, string boundary)
    {
        var parts = new List<string>();
        var delimiter = "--" + boundary;
        var at = body.IndexOf(delimiter, StringComparison.Ordinal);
        while (at >= 0)
        {
            var start = at + delimiter.Length;
            if (body.AsSpan(start).StartsWith("--"))
            {
                break; // the closing delimiter
            }

            var next = body.IndexOf("\r\n" + delimiter, start, StringComparison.Ordinal);
            var end = next < 0 ? body.Length : next;
            parts.Add(body[start..end].TrimStart('\r', '\n'));
            at = next < 0 ? -1 : next + 2;
        }

        return parts;
    }

    private static (Dictionary<string, string> Headers, string Body) SplitHeaders(string part)
    {
        var split = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? part : part[..split];
        var body = split < 0 ? "" : part[(split + 4)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, body);
    }

    /// <summary>An embedded response: <c>HTTP/1.1 204 No Content</c>, headers, a blank line, the body.</summary>
    private static DynamicsOperationResult Http(string text)
    {
        var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        var statusLine = lineEnd < 0 ? text : text[..lineEnd];
        var fields = statusLine.Split(' ', 3);
        if (fields.Length < 2 || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException($"Not an HTTP status line in the $batch answer: '{statusLine}'.");
        }

        var (headers, body) = SplitHeaders(lineEnd < 0 ? "" : text[(lineEnd + 2)..]);
        return new DynamicsOperationResult(status, body.TrimEnd('\r', '\n'), headers.GetValueOrDefault("Retry-After"));
    }
}
