using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Routing;

namespace Connector.Core.Storage;

/// <summary>The durable state of the connector: customers, conversations, timelines, tasks.</summary>
public interface IConnectorStore
{
    Task<IStoreTransaction> BeginAsync(CancellationToken ct);

    Task<Customer?> FindCustomerAsync(CustomerIdentity identity, CancellationToken ct);

    Task<Customer?> GetCustomerAsync(Guid customerId, CancellationToken ct);

    /// <summary>The customer's conversations, newest first.</summary>
    Task<IReadOnlyList<Guid>> ListConversationIdsAsync(Guid customerId, CancellationToken ct);

    Task<ConversationView?> GetConversationAsync(Guid conversationId, CancellationToken ct);

    /// <summary>Moves the outbound message with this channel id forward to <paramref name="status"/>; false when unknown.</summary>
    Task<bool> UpdateDeliveryStatusAsync(string externalRef, string status, CancellationToken ct);

    /// <summary>Adds a file to a timeline entry; false when that file is already there (a replayed job).</summary>
    Task<bool> AddAttachmentAsync(TimelineAttachment attachment, CancellationToken ct);

    Task<IReadOnlyList<RoutingTask>> ListTasksAsync(RoutingTaskState? state, CancellationToken ct);

    /// <summary>One page of the tasks <see cref="TaskListQuery.Scope"/> may see: what the tasks API reads.</summary>
    Task<Page<RoutingTask>> ListTaskPageAsync(TaskListQuery query, CancellationToken ct);

    Task<IReadOnlyList<CustomerMerge>> ListMergesAsync(Guid intoCustomerId, CancellationToken ct);

    Task<IReadOnlyList<IdentityConflict>> ListIdentityConflictsAsync(Guid customerId, CancellationToken ct);
}
