namespace Connector.Core.Crm;

/// <summary>Logs an interaction as the CRM's native activity for its channel; a replay with the same key writes nothing new.</summary>
public interface ICrmActivityWriter
{
    Task<CrmRecord> WriteActivityAsync(CrmActivity activity, CancellationToken ct);
}
