using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Connector.Fakes.Crm.HubSpot;

/// <summary>
/// Files v3: <c>POST /files/v3/files</c> as multipart/form-data (a <c>file</c> part; <c>folderPath</c> or
/// <c>folderId</c>, exactly one; <c>options</c> JSON whose <c>access</c> is required; duplicate validation
/// NONE, REJECT or RETURN_EXISTING over the folder or the portal), and signed links to private files that stop
/// working when they expire. Called under the server's lock.
/// </summary>
internal sealed class FakeHubSpotFiles(FakeHubSpotStore store, FakeHubSpotOptions options, Func<Uri> baseUrl)
{
    private static readonly string[] Accesses = ["PUBLIC_INDEXABLE", "PUBLIC_NOT_INDEXABLE", "PRIVATE"];
    private readonly Dictionary<string, (string FileId, DateTimeOffset ExpiresAt)> _signed = new(StringComparer.Ordinal);

    public FakeHubSpotResponse Upload(byte[] body, string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value is not { Length: > 0 } boundary)
        {
            return FakeHubSpotResponse.Error(415, "VALIDATION_ERROR", "Content type must be multipart/form-data with a boundary");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[]? content = null;
        string? partFileName = null;
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        try
        {
            while (reader.ReadNextSectionAsync().GetAwaiter().GetResult() is { } section)
            {
                var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                using var buffer = new MemoryStream();
                section.Body.CopyTo(buffer);
                if (name == "file")
                {
                    content = buffer.ToArray();
                    partFileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value;
                }
                else
                {
                    fields[name] = Encoding.UTF8.GetString(buffer.ToArray());
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"Malformed multipart body: {ex.Message}");
        }

        if (content is null)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", "file is required");
        }

        if (fields.ContainsKey("folderPath") == fields.ContainsKey("folderId"))
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", "Exactly one of folderId or folderPath must be specified");
        }

        JsonObject? settings;
        try
        {
            settings = fields.TryGetValue("options", out var json) ? JsonNode.Parse(json) as JsonObject : null;
        }
        catch (JsonException ex)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"options is not valid JSON: {ex.Message}");
        }

        var access = settings?["access"]?.ToString();
        if (access is null || !Accesses.Contains(access, StringComparer.Ordinal))
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"options.access is required, one of {string.Join(", ", Accesses)}");
        }

        var folder = fields.TryGetValue("folderPath", out var path) ? path : $"/folder-{fields["folderId"]}";
        var fileName = fields.TryGetValue("fileName", out var given) && given.Length > 0 ? given : partFileName ?? "file";
        var strategy = settings?["duplicateValidationStrategy"]?.ToString() ?? "NONE";
        var scope = settings?["duplicateValidationScope"]?.ToString() ?? "ENTIRE_PORTAL";
        if (strategy != "NONE" && store.DuplicateOf(folder, fileName, content, exactFolder: scope == "EXACT_FOLDER") is { } duplicate)
        {
            return strategy == "REJECT"
                ? FakeHubSpotResponse.Error(409, "CONFLICT", $"A duplicate of this file exists: {duplicate.Id}")
                : new FakeHubSpotResponse(200, duplicate.ToJson());
        }

        return new FakeHubSpotResponse(201, store.AddFile(folder, fileName, access, content).ToJson());
    }

    public FakeHubSpotResponse SignedUrl(string fileId, string? expirationSeconds)
    {
        if (store.File(fileId) is not { } file)
        {
            return FakeHubSpotResponse.NotFound($"File {fileId} not found");
        }

        var seconds = long.TryParse(expirationSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 3600;
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var expiresAt = options.Clock.GetUtcNow().AddSeconds(seconds);
        _signed[token] = (file.Id, expiresAt);
        return new FakeHubSpotResponse(200, new JsonObject
        {
            ["url"] = new Uri(baseUrl(), $"signed/{token}/{Uri.EscapeDataString(file.FileName)}").ToString(),
            ["expiresAt"] = expiresAt.ToString("O", CultureInfo.InvariantCulture),
            ["name"] = file.Name,
            ["extension"] = file.Extension,
            ["size"] = file.Content.Length,
        });
    }

    /// <summary>What a signed link serves: the bytes until it expires, then 403.</summary>
    public FakeHubSpotResponse Serve(string token)
    {
        if (!_signed.TryGetValue(token, out var link) || store.File(link.FileId) is not { } file)
        {
            return FakeHubSpotResponse.NotFound("No such link");
        }

        return options.Clock.GetUtcNow() >= link.ExpiresAt
            ? FakeHubSpotResponse.Error(403, "FORBIDDEN", "The signed URL has expired")
            : new FakeHubSpotResponse(200, null, file.Content, file.Extension == "wav" ? "audio/wav" : "application/octet-stream");
    }
}
