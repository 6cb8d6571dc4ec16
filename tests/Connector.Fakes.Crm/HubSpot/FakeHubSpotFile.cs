using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.HubSpot;

/// <summary>A File Manager file: where it is, its bytes, and its access.</summary>
public sealed record FakeHubSpotFile(string Id, string FolderPath, string FileName, string Access, byte[] Content, DateTimeOffset CreatedAt)
{
    public string Name => Path.GetFileNameWithoutExtension(FileName);

    public string Extension => Path.GetExtension(FileName).TrimStart('.');

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["extension"] = Extension,
        ["path"] = $"{FolderPath.TrimEnd('/')}/{FileName}",
        ["size"] = Content.Length,
        ["access"] = Access,
        ["isUsableInContent"] = Access != "PRIVATE",
        ["archived"] = false,
        ["createdAt"] = CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["updatedAt"] = CreatedAt.ToString("O", CultureInfo.InvariantCulture),
    };
}
