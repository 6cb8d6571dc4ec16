namespace Connector.Worker.Tests.Infrastructure;

/// <summary>
/// Tests that run the Worker in this test process: Hangfire keeps process-wide state (its log provider, its current
/// storage) that such a Worker sets, so they run alone, after the parallel tests, and put it back when done.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InProcessWorkers
{
    public const string Name = "In-process Worker";
}
