namespace Connector.Tests.NodeJs;

/// <summary>How a node run ended.</summary>
public sealed record NodeResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
