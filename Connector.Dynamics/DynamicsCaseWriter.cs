using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Dynamics.Batch;
using Connector.Dynamics.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.Dynamics;

/// <summary>
/// A new case is upserted at the id its idempotency key gives it; a known one is updated only (If-Match: *, so a
/// deleted case is an error, not a new one). A case whose status says it is closed is resolved with CloseIncident.
/// </summary>
public sealed class DynamicsCaseWriter(DynamicsClient client, SensitiveDataRedactor redactor, IOptions<DynamicsOptions> options) : ICrmCaseWriter
{
    private readonly DynamicsTables _tables = new(options.Value);

    public async Task<CrmRecord> UpsertCaseAsync(CrmCase crmCase, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(crmCase);
        var upsert = DynamicsCaseMapper.Upsert(crmCase, _tables, options.Value, redactor);
        var operations = new List<DynamicsOperation> { upsert };
        if (DynamicsCaseMapper.Closes(crmCase))
        {
            operations.Add(DynamicsCaseMapper.Close(upsert.Writes!, crmCase, _tables, redactor));
        }

        var outcome = await new DynamicsChangeSetRunner(client).RunOneAsync(DynamicsChangeSet.Of(operations), ct).ConfigureAwait(false);
        return outcome.IsSuccess ? upsert.Writes! : throw outcome.Failure!;
    }
}
