using System.Globalization;

namespace Connector.Worker.Tests.Telemetry;

/// <summary>Reads samples out of Prometheus' text exposition format: <c>name{label="value",…} 42</c>.</summary>
internal static class PrometheusText
{
    /// <summary>The sum of the samples of <paramref name="name"/> carrying every label given; 0 when there is none yet.</summary>
    public static double Sum(string exposition, string name, params string[] labels) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : name.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
}
