using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Dynamics.Batch;
using Connector.Dynamics.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.Dynamics;

/// <summary>
/// Logs an interaction as its native activity, closed, at the id its idempotency key gives it (create-only, so a
/// replay finds it). A conversation's activity and its transcript note go together in one change set.
/// </summary>
public sealed class DynamicsActivityWriter(
    DynamicsClient client, SensitiveDataRedactor redactor, IOptions<DynamicsOptions> options) : ICrmActivityWriter
{
    private readonly DynamicsTables _tables = new(options.Value);

    public async Task<CrmRecord> WriteActivityAsync(CrmActivity activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var write = DynamicsActivityMapper.Activity(activity, _tables, options.Value, redactor);
        var note = DynamicsActivityMapper.TranscriptNote(activity, write.Writes!, _tables, redactor);
        var outcome = await new DynamicsChangeSetRunner(client).RunOneAsync(DynamicsChangeSet.Of(note is null ? [write] : [write, note]), ct).ConfigureAwait(false);
        return outcome.IsSuccess ? write.Writes! : throw outcome.Failure!;
    }
}
