using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Connector.Fakes.Crm.Dynamics;

/// <summary>
/// <c>POST $batch</c>: a multipart/mixed body whose parts are single requests (<c>application/http</c>) or change sets
/// (a nested multipart, atomic, its parts numbered by Content-ID and referring to each other as <c>$n</c>). Requests
/// run in order; a failing change set is rolled back and answered by its one error. Without
/// <c>Prefer: odata.continue-on-error</c> the batch stops at the first failure and answers 400.
/// </summary>
public sealed class FakeDynamicsBatch(FakeDynamicsWebApi api, FakeDynamicsStore store, Uri apiRoot)
{
    public const int MaxRequests = 1000;

    /// <summary>A batch part as the fake read it, for the tests' eyes.</summary>
    public sealed record Part(string Method, string Url, IReadOnlyDictionary<string, string> Headers, string Body, string? ContentId, bool InChangeSet);

    /// <summary>Reads the multipart body into change sets (a lone request is a set of one, outside any change set).</summary>
    public static async Task<(List<List<Part>> Sets, FakeDynamicsResponse? Refused)> ReadAsync(string? contentType, byte[] body)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var type) || !type.MediaType.Equals("multipart/mixed", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return ([], FakeDynamicsErrors.BadRequest("The $batch request must have Content-Type multipart/mixed with a boundary."));
        }

        try
        {
            var sets = await ReadSetsAsync(boundary, body);
            var count = sets.Sum(s => s.Count);
            if (count > MaxRequests)
            {
                return (sets, FakeDynamicsErrors.BadRequest($"The number of requests in the batch ({count}) exceeds the limit of {MaxRequests}."));
            }

            return sets.Any(s => s[0].InChangeSet && s.Any(p => p.Method == "GET"))
                ? (sets, FakeDynamicsErrors.BadRequest("GET requests are not allowed inside a change set."))
                : (sets, null);
        }
        catch (FormatException ex)
        {
            return ([], FakeDynamicsErrors.BadRequest(ex.Message));
        }
    }

    /// <param name="fault">Given a part, the answer to fail it with instead of running it (a test's injected fault).</param>
    public FakeDynamicsResponse Run(List<List<Part>> sets, bool continueOnError, Func<Part, FakeDynamicsResponse?> fault)
    {
        var answer = new StringBuilder();
        var responseBoundary = $"batchresponse_{Guid.NewGuid()}";
        var failed = false;
        foreach (var set in sets)
        {
            answer.Append("--").Append(responseBoundary).Append("\r\n");
            if (!set[0].InChangeSet)
            {
                var single = fault(set[0]) ?? Run(set[0], _ => null);
                AppendHttp(answer, single, null);
                failed = !single.IsSuccess;
            }
            else
            {
                failed = !RunChangeSet(set, fault, answer);
            }

            if (failed && !continueOnError)
            {
                break;
            }
        }

        answer.Append("--").Append(responseBoundary).Append("--").Append("\r\n");
        return new FakeDynamicsResponse(failed && !continueOnError ? 400 : 200, null, null, answer.ToString(), $"multipart/mixed; boundary={responseBoundary}");
    }

    private bool RunChangeSet(List<Part> set, Func<Part, FakeDynamicsResponse?> fault, StringBuilder answer)
    {
        var snapshot = store.Snapshot();
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var answers = new List<(Part Part, FakeDynamicsResponse Response)>();
        foreach (var part in set)
        {
            var response = fault(part) ?? Run(part, reference => written.GetValueOrDefault(reference.TrimStart('$')));
            if (!response.IsSuccess)
            {
                store.Restore(snapshot);
                AppendHttp(answer, response, part.ContentId);
                return false;
            }

            if (part.ContentId is { } id && response.Headers?.GetValueOrDefault("OData-EntityId") is { } entity)
            {
                written[id] = entity;
            }

            answers.Add((part, response));
        }

        var changeSet = $"changesetresponse_{Guid.NewGuid()}";
        answer.Append("Content-Type: multipart/mixed; boundary=").Append(changeSet).Append("\r\n\r\n");
        foreach (var (part, response) in answers)
        {
            answer.Append("--").Append(changeSet).Append("\r\n");
            AppendHttp(answer, response, part.ContentId);
        }

        answer.Append("--").Append(changeSet).Append("--").Append("\r\n");
        return true;
    }

    private FakeDynamicsResponse Run(Part part, Func<string, string?> reference)
    {
        var url = part.Url;
        if (url.StartsWith(apiRoot.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
        {
            url = url[apiRoot.AbsoluteUri.Length..];
        }
        else if (url.StartsWith(apiRoot.AbsolutePath, StringComparison.OrdinalIgnoreCase))
        {
            url = url[apiRoot.AbsolutePath.Length..];
        }
        else if (!url.StartsWith('$'))
        {
            return FakeDynamicsErrors.BadRequest($"The URL '{part.Url}' of a batch request is not under {apiRoot.AbsolutePath}.");
        }

        if (part.Method == "GET" && url.Contains('+', StringComparison.Ordinal))
        {
            return FakeDynamicsServer.RawPlusRefusal();
        }

        return api.Handle(part.Method, url, part.Headers, Encoding.UTF8.GetBytes(part.Body), reference);
    }

    private static void AppendHttp(StringBuilder answer, FakeDynamicsResponse response, string? contentId)
    {
        answer.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId is not null)
        {
            answer.Append("Content-ID: ").Append(contentId).Append("\r\n");
        }

        answer.Append("\r\n");
        answer.Append("HTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason(response.Status)).Append("\r\n");
        answer.Append("OData-Version: 4.0\r\n");
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            answer.Append(name).Append(": ").Append(value).Append("\r\n");
            if (name == "OData-EntityId")
            {
                answer.Append("Location: ").Append(value).Append("\r\n");
            }
        }

        if (response.Body is not null)
        {
            answer.Append("Content-Type: application/json; odata.metadata=minimal\r\n\r\n").Append(response.Body.ToJsonString()).Append("\r\n");
        }
        else
        {
            answer.Append("\r\n\r\n");
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        412 => "Precondition Failed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    };

    private static async Task<List<List<Part>>> ReadSetsAsync(string boundary, byte[] body)
    {
        var sets = new List<List<Part>>();
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var type = section.ContentType ?? "";
            if (type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                var inner = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(type).Boundary).Value
                    ?? throw new FormatException("A change set has no boundary.");
                var changeSet = new List<Part>();
                var innerReader = new MultipartReader(inner, section.Body);
                while (await innerReader.ReadNextSectionAsync() is { } part)
                {
                    changeSet.Add(await PartAsync(part, inChangeSet: true));
                }

                if (changeSet.Count == 0)
                {
                    throw new FormatException("A change set holds no request.");
                }

                sets.Add(changeSet);
            }
            else
            {
                sets.Add([await PartAsync(section, inChangeSet: false)]);
            }
        }

        if (sets.Count == 0)
        {
            throw new FormatException("The $batch request holds no request.");
        }

        return sets;
    }

    private static async Task<Part> PartAsync(MultipartSection section, bool inChangeSet)
    {
        if (!(section.ContentType ?? "").StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"A batch part must be Content-Type application/http, not '{section.ContentType}'.");
        }

        if (!string.Equals(section.Headers?.GetValueOrDefault("Content-Transfer-Encoding").ToString(), "binary", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("A batch part must be Content-Transfer-Encoding binary.");
        }

        using var text = new StreamReader(section.Body, Encoding.UTF8);
        var raw = await text.ReadToEndAsync();
        var lines = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            throw new FormatException($"Not an HTTP request line: '{lines[0]}'.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var at = 1;
        for (; at < lines.Length && lines[at].Length > 0; at++)
        {
            var colon = lines[at].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[lines[at][..colon].Trim()] = lines[at][(colon + 1)..].Trim();
            }
        }

        var content = string.Join('\n', lines.Skip(at + 1)).Trim();
        var contentId = section.Headers?.GetValueOrDefault("Content-ID").ToString() is { Length: > 0 } id ? id : headers.GetValueOrDefault("Content-ID");
        return new Part(requestLine[0], requestLine[1], headers, content, contentId, inChangeSet);
    }
}
