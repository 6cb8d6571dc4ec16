namespace Connector.Worker.Simulation;

/// <summary>One mistake in a scenario file, located like a compiler error.</summary>
/// <param name="Line">1-based; 0 when the error concerns the whole file.</param>
/// <param name="Field">The dotted path of the field, e.g. <c>channels.voice.arrivalsPerHour</c>.</param>
internal sealed record ScenarioError(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Field.Length > 0 ? $"{where}: {Field}: {Message}" : $"{where}: {Message}";
    }
}
