using System.Net.Http.Headers;
using System.Text;

namespace Connector.Dynamics.Batch;

/// <summary>
/// A <c>$batch</c> body (multipart/mixed, CRLF line ends): an atomic set is a nested <c>changeset_</c> multipart whose
/// parts carry Content-ID; a request alone is an <c>application/http</c> part at the top level. Each inner request
/// line holds the absolute URL.
/// </summary>
internal static class DynamicsBatchContent
{
    private const string Crlf = "\r\n";

    public static ByteArrayContent Create(IReadOnlyList<DynamicsChangeSet> sets, DynamicsUris uris, IReadOnlyDictionary<string, string> commonHeaders)
    {
        var boundary = $"batch_{Guid.NewGuid():N}";
        var text = new StringBuilder();
        foreach (var set in sets)
        {
            text.Append("--").Append(boundary).Append(Crlf);
            var bodies = set.BodiesWithReferences();
            if (!set.Atomic)
            {
                AppendRequest(text, set.Operations[0], bodies[0], null, uris, commonHeaders);
                continue;
            }

            var changeSet = $"changeset_{Guid.NewGuid():N}";
            text.Append("Content-Type: multipart/mixed; boundary=").Append(changeSet).Append(Crlf).Append(Crlf);
            for (var i = 0; i < set.Operations.Count; i++)
            {
                text.Append("--").Append(changeSet).Append(Crlf);
                AppendRequest(text, set.Operations[i], bodies[i], i + 1, uris, commonHeaders);
            }

            text.Append("--").Append(changeSet).Append("--").Append(Crlf);
        }

        text.Append("--").Append(boundary).Append("--").Append(Crlf);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text.ToString()));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary=\"{boundary}\"");
        return content;
    }

    private static void AppendRequest(
        StringBuilder text, DynamicsOperation operation, System.Text.Json.Nodes.JsonObject? body, int? contentId, DynamicsUris uris, IReadOnlyDictionary<string, string> commonHeaders)
    {
        text.Append("Content-Type: application/http").Append(Crlf);
        text.Append("Content-Transfer-Encoding: binary").Append(Crlf);
        if (contentId is { } id)
        {
            text.Append("Content-ID: ").Append(id).Append(Crlf);
        }

        text.Append(Crlf);
        text.Append(operation.Method.Method).Append(' ').Append(uris.Absolute(operation.Path).AbsoluteUri).Append(" HTTP/1.1").Append(Crlf);
        foreach (var (name, value) in DynamicsClient.HeadersFor(operation, commonHeaders))
        {
            text.Append(name).Append(": ").Append(value).Append(Crlf);
        }

        if (body is not null)
        {
            text.Append("Content-Type: application/json; type=entry").Append(Crlf).Append(Crlf);
            text.Append(body.ToJsonString()).Append(Crlf);
        }
        else
        {
            text.Append(Crlf);
        }
    }
}
