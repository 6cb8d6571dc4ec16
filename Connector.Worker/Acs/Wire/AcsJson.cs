using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Worker.Acs.Wire;

/// <summary>ACS JSON: camelCase, and absent rather than null for unset optional fields.</summary>
internal static class AcsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
