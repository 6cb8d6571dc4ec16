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
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The agent's ACS user id, made now if the agent has none.</summary>
    public async Task<string> GetUserIdAsync(string agentId, CancellationToken ct) => (await GetAsync(agentId, fresh: false, ct)).UserId;

    /// <summary>The agent's ACS user id with a fresh <c>chat</c> token (a secret: hand it to that agent only).</summary>
    public async Task<(string UserId, AcsAccessToken Token)> GetWithTokenAsync(string agentId, CancellationToken ct)
    {
        var (userId, token) = await GetAsync(agentId, fresh: true, ct);
        return (userId, token ?? await identity.IssueChatTokenAsync(userId, null, ct));
    }

    private async Task<(string UserId, AcsAccessToken? Token)> GetAsync(string agentId, bool fresh, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        if (await store.FindAsync(agentId, ct) is { } known)
        {
            return (known, null);
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (await store.FindAsync(agentId, ct) is { } madeMeanwhile)
            {
                return (madeMeanwhile, null);
            }

            var created = await identity.CreateChatUserAsync(null, ct);
            var kept = await store.KeepAsync(agentId, created.UserId, time.GetUtcNow(), ct);
            // The user made here comes with a token; another Worker's winner needs its own.
            return (kept, fresh && kept == created.UserId ? created.AccessToken : null);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
