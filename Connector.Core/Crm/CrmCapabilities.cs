namespace Connector.Core.Crm;

/// <summary>What an adapter can do beyond the required ports, so the sync can choose its path (Hangfire's storage features).</summary>
[Flags]
public enum CrmCapabilities
{
    None = 0,

    /// <summary>Several writes in one round trip (Salesforce Composite, Dataverse $batch, HubSpot batch/*, Zendesk create_many).</summary>
    Batch = 1,

    /// <summary>Cases or tickets (<see cref="ICrmCaseWriter"/>).</summary>
    Cases = 2,

    /// <summary>Binary files such as call recordings, not only text.</summary>
    BinaryAttachments = 4,

    /// <summary>
    /// Opens the conversation's record on the agent's own CRM screen from the server when they accept an offer
    /// (<see cref="ICrmScreenPop"/>; Zendesk Talk Partner Edition's agent display). Hosts that pop records from the
    /// panel's JavaScript (Open CTI, CIF) need no such capability.
    /// </summary>
    ScreenPop = 8,
}
