namespace Connector.Core.Crm;

/// <summary>
/// The routing task's priority (the charter journey's <c>priority</c>, -100..100, plus any SLA-breach boosts) on the
/// CRMs' four steps. The charter's samples use 0 for ordinary work and 10 for what is served first, so 10 is where
/// "high" starts; 50 and above (a journey the admin marked as an emergency, or work boosted by breached SLAs) is urgent.
/// </summary>
public static class CrmPriorityScale
{
    public const int High = 10;
    public const int Urgent = 50;

    public static CrmPriority FromRouting(int priority) => priority switch
    {
        < 0 => CrmPriority.Low,
        < High => CrmPriority.Normal,
        < Urgent => CrmPriority.High,
        _ => CrmPriority.Urgent,
    };
}
