using System.Data.Common;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Worker.Push.Messages;

namespace Connector.Worker.Storage;

/// <summary>
/// What people are told of a change (the push journal), written by the store in the change's own transaction: a
/// notice is never committed without its change nor lost when the process dies after the commit. Each method returns
/// what to do once the transaction has committed (deliver the notices live), or null when nobody is to be told.
/// </summary>
internal interface IChangeNotices
{
    Task<Func<Task>?> RoutingSavedAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<TaskRoutingChange> saved, IReadOnlyList<RoutingDecision> decisions, CancellationToken ct);

    Task<Func<Task>?> PresenceChangedAsync(DbConnection connection, DbTransaction tx, string agentId, IReadOnlyCollection<Channel> channels, DateTimeOffset at, CancellationToken ct);

    Task<Func<Task>?> TimelineAddedAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<TimelineEvent> added, CancellationToken ct);

    /// <summary>A file was attached to a timeline entry after the entry was written.</summary>
    Task<Func<Task>?> AttachmentAddedAsync(DbConnection connection, DbTransaction tx, TimelineAttachment attachment, CancellationToken ct);

    /// <summary>A phrase of a running call's live transcript was kept.</summary>
    Task<Func<Task>?> TranscriptPhraseAsync(DbConnection connection, DbTransaction tx, TranscriptPhrase phrase, CancellationToken ct);

    Task<Func<Task>?> DeliveryStatusChangedAsync(DbConnection connection, DbTransaction tx, string externalRef, string status, CancellationToken ct);

    /// <summary>An agent's reply recorded before it was sent moved on (sent, or failed for <paramref name="reason"/>).</summary>
    Task<Func<Task>?> ReplyDeliveryChangedAsync(DbConnection connection, DbTransaction tx, Guid timelineEventId, string status, string? reason, CancellationToken ct);

    /// <summary>The customer's CRM contact was linked, or candidates were kept for the agent to pick from.</summary>
    Task<Func<Task>?> CrmContactChangedAsync(DbConnection connection, DbTransaction tx, CrmContactChanged change, CancellationToken ct);

    /// <summary>The interaction of a task <paramref name="agentId"/> wrapped up was logged as a CRM activity.</summary>
    Task<Func<Task>?> CrmActivityWrittenAsync(DbConnection connection, DbTransaction tx, string agentId, CrmActivityWritten written, CancellationToken ct);

    /// <summary>The insight of task <paramref name="taskId"/> of the conversation was kept.</summary>
    Task<Func<Task>?> InsightKeptAsync(DbConnection connection, DbTransaction tx, Guid conversationId, Guid taskId, CancellationToken ct);
}
