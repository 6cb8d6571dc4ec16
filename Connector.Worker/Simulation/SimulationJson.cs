using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Worker.Simulation;

/// <summary>The report's JSON: camelCase, indented, property order as declared (so a seed reproduces it byte for byte).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(SimulationReport))]
internal sealed partial class SimulationJson : JsonSerializerContext
{
    public static string Serialize(SimulationReport report) => JsonSerializer.Serialize(report, Default.SimulationReport);
}
