using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>
/// POST /sobjects/ContentVersion as multipart/form-data: one non-binary JSON part with the fields and one binary
/// part with the content. Part names and order do not matter; without the JSON part Salesforce answers
/// INVALID_MULTIPART_REQUEST.
/// </summary>
internal static class FakeSalesforceMultipart
{
    public static FakeSalesforceResponse Create(string type, byte[] body, string contentType, FakeSalesforceStore store)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return FakeSalesforceResponse.Error(400, "INVALID_MULTIPART_REQUEST", "Multipart message has no boundary");
        }

        JsonObject? entity = null;
        byte[]? data = null;
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        try
        {
            while (reader.ReadNextSectionAsync().GetAwaiter().GetResult() is { } section)
            {
                using var buffer = new MemoryStream();
                section.Body.CopyTo(buffer);
                var partType = section.ContentType ?? "text/plain";
                if (entity is null && partType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                {
                    entity = JsonNode.Parse(Encoding.UTF8.GetString(buffer.ToArray())) as JsonObject;
                }
                else
                {
                    data ??= buffer.ToArray();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException)
        {
            return FakeSalesforceResponse.Error(400, "INVALID_MULTIPART_REQUEST", ex.Message);
        }

        if (entity is null)
        {
            return FakeSalesforceResponse.Error(400, "INVALID_MULTIPART_REQUEST", "Multipart message must include a non-binary part");
        }

        if (data is null)
        {
            return FakeSalesforceResponse.Error(400, "INVALID_MULTIPART_REQUEST", "Multipart message must include a binary part");
        }

        return store.Create(type, entity, data);
    }
}
