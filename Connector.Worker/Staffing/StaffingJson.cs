using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Worker.Staffing;

/// <summary>The <c>staff</c> verb's JSON: camelCase and indented, as the API answers and <c>simulate</c> prints.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(StaffingPlan))]
internal sealed partial class StaffingJson : JsonSerializerContext
{
    public static string Serialize(StaffingPlan plan) => JsonSerializer.Serialize(plan, Default.StaffingPlan);
}
