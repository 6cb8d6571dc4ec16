namespace Connector.Core.Crm;

/// <summary>Logs a whole interaction in as few round trips as the CRM allows (<see cref="CrmCapabilities.Batch"/>).</summary>
public interface ICrmInteractionWriter
{
    Task<CrmInteractionResult> WriteInteractionAsync(CrmInteraction interaction, CancellationToken ct);

    /// <summary>
    /// Logs several interactions, packing them into as few requests as the CRM allows. One interaction that fails
    /// does not lose the others: each outcome says what was written or why that interaction failed (retry it alone).
    /// The default writes them one by one.
    /// </summary>
    async Task<IReadOnlyList<CrmInteractionOutcome>> WriteInteractionsAsync(IReadOnlyList<CrmInteraction> interactions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var outcomes = new List<CrmInteractionOutcome>(interactions.Count);
        foreach (var interaction in interactions)
        {
            try
            {
                outcomes.Add(CrmInteractionOutcome.Succeeded(interaction, await WriteInteractionAsync(interaction, ct).ConfigureAwait(false)));
            }
            catch (CrmRequestFailedException failure)
            {
                outcomes.Add(CrmInteractionOutcome.Failed(interaction, failure));
            }
        }

        return outcomes;
    }
}
