using Connector.Core.Outbox;

namespace Connector.Worker.Crm;

/// <summary>
/// Which CRM write each unit of work is (README, "CRM sync"):
/// <list type="bullet">
/// <item><c>contact.sync</c> (one per inbound event that touched a customer's identities): find or create the
/// customer's contact under a per-customer lock; all rows of one customer coalesce into one find-or-create, the
/// rest find the link. Ambiguous: the candidates are kept for the agent and nothing is created.</item>
/// <item><c>timeline.sync</c> (one per timeline event): no CRM record of its own. Messages are folded into the
/// interaction logged at wrap-up, whose transcript carries them; one record per message would bury the CRM.</item>
/// <item><c>interaction.sync</c> (one per wrapped-up task): the activity with the redacted transcript, the
/// conversation's case, and the files waiting for it, in one batch where the adapter can.</item>
/// <item><c>crm.attach</c>: one stored file onto its interaction's activity.</item>
/// </list>
/// </summary>
internal sealed class CrmWork(IServiceProvider services, ILogger<CrmWork> logger)
{
    /// <summary>Whether the work talks to the CRM at all (and so must wait while the CRM's limit holds).</summary>
    public static bool CallsCrm(string kind) => kind != OutboxKind.TimelineSync;

    public async Task RunAsync(OutboxMessage message, CancellationToken ct)
    {
        switch (message.Kind)
        {
            case OutboxKind.ContactSync:
                await services.GetRequiredService<CrmContactSync>().EnsureAsync(message.CustomerId, createWhenMissing: true, ct);
                break;
            case OutboxKind.TimelineSync:
                logger.LogDebug("Timeline entry {TimelineEventId} is folded into its conversation's interaction", message.SubjectId);
                break;
            case OutboxKind.InteractionSync:
                await services.GetRequiredService<CrmInteractionSync>().SyncAsync(message, ct);
                break;
            case OutboxKind.CrmAttach:
                await services.GetRequiredService<CrmAttachmentSync>().SyncAsync(message, ct);
                break;
            default:
                throw new CrmWorkInvalidException($"Outbox row {message.Id} is of kind '{message.Kind}', which the CRM sync does not know.");
        }
    }
}
