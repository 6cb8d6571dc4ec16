using Connector.Worker.Acs;

namespace Connector.Worker.Chat;

/// <summary>
/// Agents' ACS chat identities, made on first need: an agent joins customers' threads as this user, and the panel
/// reads those threads with a token of it. One identity per agent, kept for good.
/// </summary>
internal sealed class AgentChatIdentities(AgentChatIdentityStore store, AcsIdentityClient identity, TimeProvider time) : IDisposable
{
    // Making an identity is not repeatable at ACS: one maker at a time in this Worker, so a burst of assignments
    // for a new agent makes one user, not several (across Workers the table's key keeps the first).
    private static readonly string[] PanelScopes = ["chat", "voip"];

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The agent's ACS user id, made now if the agent has none.</summary>
    public Task<string> GetUserIdAsync(string agentId, CancellationToken ct) => GetAsync(agentId, ct);

    /// <summary>
    /// The agent's ACS user id with a fresh token (a secret: hand it to that agent only) for both of the panel's uses of
    /// it: reading chat threads (<c>chat</c>) and the browser softphone (<c>voip</c>), one identity for both.
    /// </summary>
    public async Task<(string UserId, AcsAccessToken Token)> GetWithTokenAsync(string agentId, CancellationToken ct)
    {
        var userId = await GetUserIdAsync(agentId, ct);
        return (userId, await identity.IssueTokenAsync(userId, PanelScopes, null, ct));
    }

    private async Task<string> GetAsync(string agentId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        if (await store.FindAsync(agentId, ct) is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (await store.FindAsync(agentId, ct) is { } madeMeanwhile)
            {
                return madeMeanwhile;
            }

            var created = await identity.CreateChatUserAsync(null, ct);
            return await store.KeepAsync(agentId, created.UserId, time.GetUtcNow(), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
