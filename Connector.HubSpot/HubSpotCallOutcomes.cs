namespace Connector.HubSpot;

/// <summary>
/// The account's call outcomes, read once: <c>hs_call_disposition</c> takes an outcome's id (a GUID per account),
/// and the connector knows dispositions by label. A label the account has no outcome for stays in the title only.
/// One per process; the typed client is passed in, as typed clients are not kept by singletons.
/// </summary>
public sealed class HubSpotCallOutcomes : IDisposable
{
    private readonly SemaphoreSlim _load = new(1, 1);
    private Dictionary<string, string>? _byLabel;

    public async Task<string?> IdOfAsync(HubSpotClient client, string? label, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var outcomes = Volatile.Read(ref _byLabel);
        if (outcomes is null)
        {
            await _load.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                outcomes = _byLabel ??= (await client.CallDispositionsAsync(ct).ConfigureAwait(false))
                    .GroupBy(d => d.Label.Trim(), StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
            }
            finally
            {
                _load.Release();
            }
        }

        return outcomes.TryGetValue(label.Trim(), out var id) ? id : null;
    }

    public void Dispose() => _load.Dispose();
}
