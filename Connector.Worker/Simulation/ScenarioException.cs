namespace Connector.Worker.Simulation;

/// <summary>The scenario cannot be simulated; carries every error found, one per line in the message.</summary>
internal sealed class ScenarioException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
