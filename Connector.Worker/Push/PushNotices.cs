using System.Data.Common;
using System.Text.Json;
using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Routing;
using Connector.Core.Routing.Policy;
using Connector.Worker.People;
using Connector.Worker.Push.Messages;
using Connector.Worker.Storage;
using Connector.Worker.Storage.Rows;
using Dapper;
using Engine = Connector.Core.Routing.Engine;

namespace Connector.Worker.Push;

/// <summary>
/// Turns what the store is writing into messages for the people concerned, journals them in the same transaction and,
/// once it commits, hands them to the feed that delivers them live on every Worker.
/// </summary>
internal sealed class PushNotices(SqlDialect dialect, PushJournal journal, IPushFeed feed, RoutingPolicy policy) : IChangeNotices
{
    private const string HeldStates = "('assigned', 'wrap_up')";

    public async Task<Func<Task>?> RoutingSavedAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<TaskRoutingChange> saved, IReadOnlyList<Engine.RoutingDecision> decisions, CancellationToken ct)
    {
        var withEvents = saved.Where(c => c.Events.Count > 0).ToList();
        if (withEvents.Count == 0)
        {
            return null;
        }

        var tasks = (await connection.QueryAsync<RoutingTaskRow>(new CommandDefinition(
                $"SELECT * FROM routing_tasks WHERE {dialect.In("id", "ids")}", new { ids = dialect.IdList(withEvents.Select(c => c.TaskId)) }, tx, cancellationToken: ct)))
            .Select(RowMapping.ToTask).ToDictionary(t => t.Id);
        var supervisors = await SupervisorsAsync(connection, tx, ct);
        var notices = new List<PushNotice>();
        foreach (var change in withEvents)
        {
            if (tasks.TryGetValue(change.TaskId, out var task))
            {
                notices.AddRange(ForRouting(task, change, decisions, supervisors));
            }
        }

        return await AppendAsync(connection, tx, notices, ct);
    }

    public async Task<Func<Task>?> PresenceChangedAsync(
        DbConnection connection, DbTransaction tx, string agentId, IReadOnlyCollection<Channel> channels, DateTimeOffset at, CancellationToken ct)
    {
        var message = new PresenceChanged(agentId, [.. channels.Select(c => c.ToName()).Distinct().Order(StringComparer.Ordinal)]);
        var notices = new List<PushNotice> { new(PushStreams.Agent(agentId), PushMessageTypes.PresenceChanged, message), new(PushStreams.Admins, PushMessageTypes.PresenceChanged, message) };
        // Supervisors see the agents of their queues (QueueAgents): those with the skills the queue requires.
        var agent = await connection.QuerySingleOrDefaultAsync<AgentRow>(new CommandDefinition("SELECT * FROM agents WHERE id = @agentId", new { agentId }, tx, cancellationToken: ct));
        if (agent is not null)
        {
            var record = RowMapping.ToAgent(agent);
            foreach (var (supervisor, queues) in await SupervisorsAsync(connection, tx, ct))
            {
                if (supervisor != agentId && queues.Any(q => QueueAgents.Serves(policy, q, record)))
                {
                    notices.Add(new(PushStreams.Agent(supervisor), PushMessageTypes.PresenceChanged, message));
                }
            }
        }

        return await AppendAsync(connection, tx, notices, ct);
    }

    public async Task<Func<Task>?> TimelineAddedAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<TimelineEvent> added, CancellationToken ct)
    {
        var notices = new List<PushNotice>();
        foreach (var conversation in added.GroupBy(e => e.ConversationId))
        {
            foreach (var agentId in await HoldersAsync(connection, tx, conversation.Key, ct))
            {
                foreach (var e in conversation)
                {
                    var stream = PushStreams.Agent(agentId);
                    notices.Add(new(stream, PushMessageTypes.TimelineAdded, new TimelineAdded(
                        e.ConversationId, e.Id, WireNames.Of(e.Type), e.Channel.ToName(), WireNames.Of(e.Direction), e.At, e.Text, e.DeliveryStatus)));
                    if (e is { Type: TimelineEventType.Message, Direction: Direction.In })
                    {
                        notices.Add(new(stream, PushMessageTypes.AssistAvailable, new AssistAvailable(e.ConversationId, e.Id)));
                    }

                    if (e.Type is TimelineEventType.CallStarted or TimelineEventType.CallConnected or TimelineEventType.CallEnded)
                    {
                        notices.Add(new(stream, PushMessageTypes.CallPhaseChanged, new CallPhaseChanged(e.ConversationId, e.ExternalRef, WireNames.Of(e.Type), e.At)));
                    }
                }
            }
        }

        return await AppendAsync(connection, tx, notices, ct);
    }

    public async Task<Func<Task>?> AttachmentAddedAsync(DbConnection connection, DbTransaction tx, TimelineAttachment attachment, CancellationToken ct)
    {
        var conversations = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT conversation_id FROM timeline_events WHERE id = @id", new { id = attachment.TimelineEventId }, tx, cancellationToken: ct))).ToList();
        if (conversations is not [var id])
        {
            return null;
        }

        var message = new AttachmentAdded(id, attachment.TimelineEventId, Api.AttachmentResponse.From(id, attachment));
        return await AppendAsync(connection, tx, [.. (await HoldersAsync(connection, tx, id, ct))
            .Select(agentId => new PushNotice(PushStreams.Agent(agentId), PushMessageTypes.AttachmentAdded, message))], ct);
    }

    public async Task<Func<Task>?> TranscriptPhraseAsync(DbConnection connection, DbTransaction tx, TranscriptPhrase phrase, CancellationToken ct) =>
        await AppendAsync(connection, tx, [.. (await HoldersAsync(connection, tx, phrase.ConversationId, ct))
            .Select(agentId => new PushNotice(PushStreams.Agent(agentId), PushMessageTypes.TranscriptPhrase, phrase))], ct);

    public async Task<Func<Task>?> DeliveryStatusChangedAsync(DbConnection connection, DbTransaction tx, string externalRef, string status, CancellationToken ct)
    {
        var notices = new List<PushNotice>();
        var events = await connection.QueryAsync<(Guid Id, Guid ConversationId)>(new CommandDefinition(
            "SELECT id, conversation_id FROM timeline_events WHERE external_ref = @externalRef AND direction = 'out'", new { externalRef }, tx, cancellationToken: ct));
        foreach (var (eventId, conversationId) in events)
        {
            foreach (var agentId in await HoldersAsync(connection, tx, conversationId, ct))
            {
                notices.Add(new(PushStreams.Agent(agentId), PushMessageTypes.DeliveryStatusChanged, new DeliveryStatusChanged(conversationId, eventId, status)));
            }
        }

        return await AppendAsync(connection, tx, notices, ct);
    }

    public async Task<Func<Task>?> ReplyDeliveryChangedAsync(DbConnection connection, DbTransaction tx, Guid timelineEventId, string status, string? reason, CancellationToken ct)
    {
        var conversations = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT conversation_id FROM timeline_events WHERE id = @timelineEventId", new { timelineEventId }, tx, cancellationToken: ct))).ToList();
        if (conversations is not [var conversationId])
        {
            return null;
        }

        var message = new DeliveryStatusChanged(conversationId, timelineEventId, status, reason);
        return await AppendAsync(connection, tx, [.. (await HoldersAsync(connection, tx, conversationId, ct))
            .Select(agentId => new PushNotice(PushStreams.Agent(agentId), PushMessageTypes.DeliveryStatusChanged, message))], ct);
    }

    public async Task<Func<Task>?> CrmContactChangedAsync(DbConnection connection, DbTransaction tx, CrmContactChanged change, CancellationToken ct)
    {
        // Whoever holds the customer's work now: a panel that accepted before the sync finished learns the contact here.
        var holders = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT assigned_agent_id FROM routing_tasks WHERE customer_id = @customerId AND state IN {HeldStates} AND assigned_agent_id IS NOT NULL",
            new { customerId = change.CustomerId }, tx, cancellationToken: ct));
        return await AppendAsync(connection, tx, [.. holders.Select(a => new PushNotice(PushStreams.Agent(a), PushMessageTypes.CrmContact, change))], ct);
    }

    public Task<Func<Task>?> CrmActivityWrittenAsync(DbConnection connection, DbTransaction tx, string agentId, CrmActivityWritten written, CancellationToken ct) =>
        AppendAsync(connection, tx, [new PushNotice(PushStreams.Agent(agentId), PushMessageTypes.CrmActivity, written)], ct);

    public async Task<Func<Task>?> InsightKeptAsync(DbConnection connection, DbTransaction tx, Guid conversationId, Guid taskId, CancellationToken ct) =>
        await AppendAsync(connection, tx, [.. (await HoldersAsync(connection, tx, conversationId, ct))
            .Select(agentId => new PushNotice(PushStreams.Agent(agentId), PushMessageTypes.InsightAvailable, new InsightAvailable(conversationId, taskId)))], ct);

    private static IEnumerable<PushNotice> ForRouting(
        RoutingTask task, TaskRoutingChange change, IReadOnlyList<Engine.RoutingDecision> decisions, IReadOnlyList<(string AgentId, IReadOnlyList<string> Queues)> supervisors)
    {
        var channel = task.Channel.ToName();
        // An expiry or decline is followed by the requeue it caused: the agent is told once, with the reason.
        var told = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in change.Events)
        {
            switch (e)
            {
                case Engine.OfferMade offer:
                    yield return new(PushStreams.Agent(offer.AgentId), PushMessageTypes.OfferMade, new OfferMade(
                        task.Id, task.ConversationId, channel, task.Queue, task.CustomerId, task.CustomerLastMessageAt ?? task.CreatedAt, offer.ExpiresAt,
                        Reason(decisions.LastOrDefault(d => d.TaskId == task.Id && d.AgentId == offer.AgentId), offer.AgentId), task.HandOffSummary));
                    break;
                case Engine.OfferExpired expired:
                    told.Add(expired.AgentId);
                    yield return new(PushStreams.Agent(expired.AgentId), PushMessageTypes.OfferWithdrawn, new OfferWithdrawn(task.Id, "expired"));
                    break;
                case Engine.OfferDeclined declined:
                    told.Add(declined.AgentId);
                    yield return new(PushStreams.Agent(declined.AgentId), PushMessageTypes.OfferWithdrawn, new OfferWithdrawn(task.Id, "declined"));
                    break;
                case Engine.TaskRequeued { FromAgentId: { } from } when told.Add(from):
                    // The agent went offline with it, or their line did not answer: the offer or the work is taken back.
                    yield return new(PushStreams.Agent(from), PushMessageTypes.TaskEnded, new TaskEnded(task.Id, "takenAway"));
                    break;
                case Engine.TaskAssigned assigned:
                    yield return new(PushStreams.Agent(assigned.AgentId), PushMessageTypes.Assigned, new Assigned(task.Id, task.ConversationId, channel, assigned.AutoAccepted));
                    break;
                case Engine.TaskReleased { AgentId: { } agentId, From: RoutingTaskState.Offered }:
                    yield return new(PushStreams.Agent(agentId), PushMessageTypes.OfferWithdrawn, new OfferWithdrawn(task.Id, "takenAway"));
                    break;
                case Engine.TaskReleased { AgentId: { } agentId, From: RoutingTaskState.Assigned or RoutingTaskState.WrapUp }:
                    yield return new(PushStreams.Agent(agentId), PushMessageTypes.TaskEnded, new TaskEnded(task.Id, "finished"));
                    break;
                case Engine.SlaBreached breach:
                    var message = new SlaBreached(task.Id, channel, task.Queue, breach.Kind == Engine.SlaKind.Answer ? "answer" : "firstResponse", breach.Target, breach.NewPriority);
                    yield return new(PushStreams.Admins, PushMessageTypes.SlaBreached, message);
                    foreach (var (supervisor, _) in supervisors.Where(s => task.Queue is not null && s.Queues.Contains(task.Queue)))
                    {
                        yield return new(PushStreams.Agent(supervisor), PushMessageTypes.SlaBreached, message);
                    }

                    break;
            }
        }
    }

    private static OfferReason? Reason(Engine.RoutingDecision? decision, string agentId)
    {
        if (decision is null)
        {
            return null;
        }

        var candidate = decision.Candidates.FirstOrDefault(c => c.AgentId == agentId);
        return new OfferReason(decision.Id, decision.Rule, decision.TaskScore, candidate?.Score, candidate?.Reason, decision.CandidatesConsidered);
    }

    // Few people supervise: all of them are read and their queues matched here, the same way on both databases.
    private static async Task<IReadOnlyList<(string AgentId, IReadOnlyList<string> Queues)>> SupervisorsAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        [.. (await connection.QueryAsync<(string AgentId, string Supervises)>(new CommandDefinition(
                "SELECT agent_id, supervises FROM people WHERE supervises <> '[]'", transaction: tx, cancellationToken: ct)))
            .Select(p => (p.AgentId, (IReadOnlyList<string>)(JsonSerializer.Deserialize<List<string>>(p.Supervises) ?? [])))];

    private static async Task<IReadOnlyList<string>> HoldersAsync(DbConnection connection, DbTransaction tx, Guid conversationId, CancellationToken ct) =>
        [.. await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT assigned_agent_id FROM routing_tasks WHERE conversation_id = @conversationId AND state IN {HeldStates} AND assigned_agent_id IS NOT NULL",
            new { conversationId }, tx, cancellationToken: ct))];

    private async Task<Func<Task>?> AppendAsync(DbConnection connection, DbTransaction tx, List<PushNotice> notices, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return null;
        }

        var entries = await journal.AppendAsync(connection, tx, notices, ct);
        return () => feed.PublishAsync(entries);
    }
}
