using System.Text.Json;

namespace Connector.Core.Conversations;

/// <summary>
/// The JSON name of an enum value (its <c>JsonStringEnumMemberName</c>), so the database stores the same
/// words the API shows.
/// </summary>
public static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value).Trim('"');

    public static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum =>
        JsonSerializer.Deserialize<TEnum>($"\"{name}\"");
}
