using Connector.Worker.Acs;

namespace Connector.Worker.Chat;

/// <summary>
/// The connector's own ACS chat user: it creates the visitors' threads and posts the agents' replies. Created once
/// per deployment and kept in the store; its token is renewed before it runs out.
/// </summary>
internal sealed class ChatServiceIdentity(ChatSessionStore store, AcsIdentityClient identity, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _userId;
    private AcsAccessToken? _token;

    /// <summary>Known once the identity exists; messages it sent are the connector's, not the customer's.</summary>
    public string? UserId => _userId;

    public async Task<(string UserId, string Token)> GetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            if (_userId is not null && _token is { } token && token.ExpiresOn - now > RenewBefore)
            {
                return (_userId, token.Token);
            }

            _userId ??= await store.FindServiceUserAsync(ct);
            if (_userId is null)
            {
                var created = await identity.CreateChatUserAsync(null, ct);
                _userId = await store.KeepServiceUserAsync(created.UserId, now, ct);
                _token = _userId == created.UserId ? created.AccessToken : await identity.IssueChatTokenAsync(_userId, null, ct);
            }
            else
            {
                _token = await identity.IssueChatTokenAsync(_userId, null, ct);
            }

            return (_userId, _token.Token);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Loads the stored identity before a delivery is read, so the webhook recognises the connector's own messages after a restart.</summary>
    public async Task LoadAsync(CancellationToken ct) => _userId ??= await store.FindServiceUserAsync(ct);
}
