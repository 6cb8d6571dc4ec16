namespace Connector.Worker.Voice;

/// <summary>An agent's call control that cannot be done as asked; becomes a ProblemDetails with <see cref="Status"/>.</summary>
internal sealed class CallControlException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;
}
