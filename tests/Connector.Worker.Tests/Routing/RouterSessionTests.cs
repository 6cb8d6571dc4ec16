using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Routing;
using Connector.Core.Routing.Policy;
using Connector.Worker.Routing;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Worker.Tests.Routing;

/// <summary>The router session against a real store, tick by tick: orderings a whole Worker meets only under load.</summary>
public sealed class RouterSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agents_outbound_call_read_before_their_own_command_stays_theirs_and_is_never_offered()
    {
        await using var s = await StoreUnderTest.SqliteAsync();
        var now = s.Time.GetUtcNow();
        var session = new RouterSession(RoutingPolicy.Default(), s.Routing, "test", NullLogger.Instance);
        await session.RebuildAsync(now, isolate: false, Ct);

        // Dora is stored online; the command that tells the router so is written after this tick has listed its commands…
        await s.Routing.UpsertAgentAsync(new Agent("dora", "Dora", "standard", new Dictionary<string, int>(), ["en"], null, [Channel.Voice, Channel.Chat], now), Ct);
        // …and before it reads the tasks: her click-to-dial call, open and assigned to her from the start.
        var call = await s.Intake.AcceptAsync(new InboundEvent("call-1", Channel.Voice, TimelineEventType.CallStarted, Direction.Out, now,
            [new InboundIdentity(IdentityKind.Phone, "+447700900301")], ExternalRef: "connection-1", AgentId: "dora"), Ct);
        await session.TickAsync(now, Ct);
        await s.Routing.EnqueueCommandAsync(RoutingCommand.AgentChanged, null, "dora", now, Ct);
        await session.TickAsync(now.AddSeconds(1), Ct);
        await session.TickAsync(now.AddSeconds(2), Ct);

        var task = Assert.Single(await s.Routing.ListOpenTasksAsync(Ct));
        Assert.Equal((call.TaskId, RoutingTaskState.Assigned, "dora"), (task.Id, task.State, task.AssignedAgentId));
        Assert.Empty(await s.Routing.ListDecisionsAsync(task.Id, Ct)); // never queued, never offered
    }
}
