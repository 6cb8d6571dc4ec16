namespace Connector.Core.Crm;

/// <summary>
/// A whole interaction at once: the activity, its transcript and recording, and its case. Adapters with
/// <see cref="CrmCapabilities.Batch"/> write it in as few round trips as the CRM allows.
/// </summary>
public sealed record CrmInteraction(CrmActivity Activity, CrmCase? Case, IReadOnlyList<CrmAttachment> Attachments);
