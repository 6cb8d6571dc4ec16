namespace Connector.Core.Crm;

/// <summary>
/// How one interaction of a batch ended: what it wrote, or the failure to retry it on. A batch reports per
/// interaction so that one bad record never costs the others their <c>crm_links</c>.
/// </summary>
public sealed record CrmInteractionOutcome(CrmInteraction Interaction, CrmInteractionResult? Result, CrmRequestFailedException? Failure)
{
    public bool IsSuccess => Failure is null;

    public static CrmInteractionOutcome Succeeded(CrmInteraction interaction, CrmInteractionResult result) => new(interaction, result, null);

    public static CrmInteractionOutcome Failed(CrmInteraction interaction, CrmRequestFailedException failure) => new(interaction, null, failure);
}
