using System.Collections.Concurrent;
using Connector.Core.Crm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// An in-test CRM adapter: it keeps what it is asked to write by idempotency key (an upsert, as the real adapters
/// do with external ids), counts every call, and can be told to fail: for the next N calls, or (a limit) until
/// released. For the pipeline's semantics only; the wire format is the fake Salesforce's business.
/// </summary>
internal sealed class RecordingCrm : ICrmContactResolver, ICrmActivityWriter, ICrmCaseWriter, ICrmAttachmentWriter, ICrmInteractionWriter
{
    private readonly ConcurrentQueue<Exception> _failures = new();
    private readonly Lock _lock = new();
    private int _resolving;
    private int _ids;
    private int _interactionsWritten;

    public RecordingCrm(CrmCapabilities capabilities) => Descriptor = new CrmAdapterDescriptor("recording", capabilities);

    public CrmAdapterDescriptor Descriptor { get; }

    /// <summary>
    /// Its <c>Add{Crm}Adapter</c>, for a CRM adapter registry: the descriptor and every port it implements, whatever
    /// its capabilities (the descriptor decides which of them the sync uses).
    /// </summary>
    public IServiceCollection AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Descriptor);
        services.AddSingleton<ICrmContactResolver>(this);
        services.AddSingleton<ICrmActivityWriter>(this);
        services.AddSingleton<ICrmAttachmentWriter>(this);
        services.AddSingleton<ICrmCaseWriter>(this);
        services.AddSingleton<ICrmInteractionWriter>(this);
        return services;
    }

    /// <summary>Every call, in order: <c>resolve</c>, <c>activity</c>, <c>case</c>, <c>attach</c>, <c>interaction</c>.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentDictionary<string, CrmActivity> Activities { get; } = new();
    public ConcurrentDictionary<string, CrmCase> Cases { get; } = new();
    public ConcurrentDictionary<string, (CrmAttachment Attachment, byte[] Content)> Attachments { get; } = new();
    public ConcurrentDictionary<Guid, CrmRecord> Contacts { get; } = new();

    /// <summary>What a search finds instead of creating (several: ambiguous).</summary>
    public IReadOnlyList<CrmContactCandidate>? Matches { get; set; }

    public TimeSpan ResolveDelay { get; set; }
    public int MostConcurrentResolves { get; private set; }

    /// <summary>While set, every call fails with it (a limit that lasts); <see cref="Refusals"/> counts them.</summary>
    public Exception? RefuseWith { get; set; }

    public int Refusals => Calls.Count(c => c.StartsWith("refused", StringComparison.Ordinal));

    public void FailNext(params Exception[] failures)
    {
        foreach (var failure in failures)
        {
            _failures.Enqueue(failure);
        }
    }

    public int CallsOf(string kind) => Calls.Count(c => c == kind);

    public async Task<CrmContactResolution> ResolveAsync(CrmContactQuery query, CancellationToken ct)
    {
        var now = Interlocked.Increment(ref _resolving);
        lock (_lock)
        {
            MostConcurrentResolves = Math.Max(MostConcurrentResolves, now);
        }

        try
        {
            await Task.Delay(ResolveDelay, ct);
            Enter("resolve");
            if (Matches is { Count: > 1 } several)
            {
                return CrmContactResolution.Ambiguous(several);
            }

            if (Matches is [var one])
            {
                return CrmContactResolution.Found(new CrmRecord(one.RecordType, one.RecordId));
            }

            var created = Contacts.GetOrAdd(query.CustomerId, _ => new CrmRecord("Contact", NextId("003")));
            return CrmContactResolution.Created(created);
        }
        finally
        {
            Interlocked.Decrement(ref _resolving);
        }
    }

    public Task<CrmRecord> WriteActivityAsync(CrmActivity activity, CancellationToken ct)
    {
        Enter("activity");
        Activities[activity.IdempotencyKey] = activity;
        return Task.FromResult(new CrmRecord("Task", "00T" + activity.IdempotencyKey.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public Task<CrmRecord> UpsertCaseAsync(CrmCase crmCase, CancellationToken ct)
    {
        Enter("case");
        Cases[crmCase.IdempotencyKey] = crmCase;
        return Task.FromResult(new CrmRecord("Case", "500" + crmCase.IdempotencyKey.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public async Task<CrmRecord> AttachAsync(CrmAttachment attachment, CancellationToken ct)
    {
        Enter("attach");
        await StoreAsync(attachment, ct);
        return new CrmRecord("ContentVersion", "068" + attachment.IdempotencyKey.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<CrmInteractionResult> WriteInteractionAsync(CrmInteraction interaction, CancellationToken ct)
    {
        Enter("interaction");
        return await WriteAsync(interaction, ct);
    }

    private async Task<CrmInteractionResult> WriteAsync(CrmInteraction interaction, CancellationToken ct)
    {
        Interlocked.Increment(ref _interactionsWritten);
        var written = new Dictionary<string, CrmRecord>();
        if (interaction.Case is { } crmCase)
        {
            Cases[crmCase.IdempotencyKey] = crmCase;
            written[crmCase.IdempotencyKey] = new CrmRecord("Case", "500" + crmCase.IdempotencyKey.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        }

        Activities[interaction.Activity.IdempotencyKey] = interaction.Activity;
        written[interaction.Activity.IdempotencyKey] = new CrmRecord("Task", "00T" + interaction.Activity.IdempotencyKey.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var attachment in interaction.Attachments)
        {
            await StoreAsync(attachment, ct);
            written[attachment.IdempotencyKey] = new CrmRecord("ContentVersion", "068" + attachment.IdempotencyKey.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        }

        return new CrmInteractionResult(written);
    }

    /// <summary>Several interactions in one call, as a Composite request carries them: <c>batch of N</c>.</summary>
    public async Task<IReadOnlyList<CrmInteractionOutcome>> WriteInteractionsAsync(IReadOnlyList<CrmInteraction> interactions, CancellationToken ct)
    {
        Enter($"batch of {interactions.Count}");
        var outcomes = new List<CrmInteractionOutcome>();
        foreach (var interaction in interactions)
        {
            outcomes.Add(CrmInteractionOutcome.Succeeded(interaction, await WriteAsync(interaction, ct)));
        }

        return outcomes;
    }

    /// <summary>How many interactions were written (alone or in batches).</summary>
    public int InteractionsWritten => _interactionsWritten;

    private async Task StoreAsync(CrmAttachment attachment, CancellationToken ct)
    {
        await using var stream = await attachment.Open(ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        Attachments[attachment.IdempotencyKey] = (attachment, copy.ToArray());
    }

    private void Enter(string kind)
    {
        if (RefuseWith is { } refusal)
        {
            Calls.Enqueue($"refused {kind}");
            throw refusal;
        }

        if (_failures.TryDequeue(out var failure))
        {
            Calls.Enqueue($"failed {kind}");
            throw failure;
        }

        Calls.Enqueue(kind);
    }

    private string NextId(string prefix) => prefix + Interlocked.Increment(ref _ids).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
}
