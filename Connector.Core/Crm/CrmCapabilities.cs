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
}
