using Connector.Core;
using Connector.Core.Customers;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Claims;

/// <summary>Claimed identities and their one-time codes (migration 0020), on either store.</summary>
internal sealed class IdentityClaimStore(SqlDialect dialect)
{
    private const string Claimed = "claimed";
    private const string Verified = "verified";

    /// <summary>Keeps the claim once per claimant and identity; a repeat (a second mail, a reload) changes nothing.</summary>
    public async Task AddAsync(Guid customerId, CustomerIdentity identity, string source, string? threadId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO identity_claims (id, customer_id, kind, value, source, thread_id, state, created_at)
            VALUES (@id, @customerId, @kind, @value, @source, @threadId, 'claimed', @at)
            ON CONFLICT (customer_id, kind, value) DO NOTHING
            """,
            new { id = Guid.CreateVersion7(), customerId, kind = WireNames.Of(identity.Kind), value = identity.Value, source, threadId, at },
            cancellationToken: ct));
    }

    public async Task<IdentityClaim?> GetAsync(Guid id, CancellationToken ct) =>
        (await QueryAsync("SELECT * FROM identity_claims WHERE id = @id", new { id }, ct)).SingleOrDefault();

    /// <summary>The visitor's claim of this kind in this chat.</summary>
    public async Task<IdentityClaim?> ForThreadAsync(string threadId, IdentityKind kind, CancellationToken ct) =>
        (await QueryAsync("SELECT * FROM identity_claims WHERE thread_id = @threadId AND kind = @kind ORDER BY created_at DESC LIMIT 1",
            new { threadId, kind = WireNames.Of(kind) }, ct)).SingleOrDefault();

    /// <summary>A customer's claims, oldest first (a customer holds a handful at most).</summary>
    public Task<IReadOnlyList<IdentityClaim>> ForCustomerAsync(Guid customerId, CancellationToken ct) =>
        QueryAsync("SELECT * FROM identity_claims WHERE customer_id = @customerId ORDER BY created_at, id", new { customerId }, ct);

    /// <summary>Marks the claim verified; the first verification is the one kept. (A merge moves claims with the customer.)</summary>
    public async Task MarkVerifiedAsync(Guid id, string by, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_claims SET state = 'verified', verified_at = @at, verified_by = @by WHERE id = @id AND state = 'claimed'",
            new { id, by, at }, cancellationToken: ct));
    }

    public async Task AddCodeAsync(Guid claimId, ClaimCodeHash hash, DateTimeOffset sentAt, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO identity_claim_codes (id, claim_id, code_hash, salt, sent_at, expires_at, attempts) VALUES (@id, @claimId, @hash, @salt, @sentAt, @expiresAt, 0)",
            new { id = Guid.CreateVersion7(), claimId, hash = hash.Hash, salt = hash.Salt, sentAt, expiresAt }, cancellationToken: ct));
    }

    /// <summary>Codes sent to this identity since <paramref name="since"/>, over every claimant: the per-identity send limit.</summary>
    public async Task<int> CountCodesSentAsync(CustomerIdentity identity, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM identity_claim_codes c JOIN identity_claims i ON i.id = c.claim_id
            WHERE i.kind = @kind AND i.value = @value AND c.sent_at >= @since
            """,
            new { kind = WireNames.Of(identity.Kind), value = identity.Value, since }, cancellationToken: ct));
    }

    /// <summary>The claim's latest code, the only one that counts (a new send replaces the ones before).</summary>
    public async Task<ClaimCodeRow?> LatestCodeAsync(Guid claimId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<ClaimCodeRow>(new CommandDefinition(
            "SELECT * FROM identity_claim_codes WHERE claim_id = @claimId ORDER BY sent_at DESC, id DESC LIMIT 1",
            new { claimId }, cancellationToken: ct));
    }

    /// <summary>Spends one attempt, atomically: false when none is left (parallel guesses cannot exceed the limit).</summary>
    public async Task<bool> TrySpendAttemptAsync(Guid codeId, int maxAttempts, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_claim_codes SET attempts = attempts + 1 WHERE id = @codeId AND attempts < @maxAttempts AND used_at IS NULL",
            new { codeId, maxAttempts }, cancellationToken: ct)) == 1;
    }

    /// <summary>Uses the code up; false when another request used it first.</summary>
    public async Task<bool> TryUseAsync(Guid codeId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_claim_codes SET used_at = @at WHERE id = @codeId AND used_at IS NULL",
            new { codeId, at }, cancellationToken: ct)) == 1;
    }

    private async Task<IReadOnlyList<IdentityClaim>> QueryAsync(string sql, object args, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<ClaimRow>(new CommandDefinition(sql, args, cancellationToken: ct));
        return rows.Select(r => new IdentityClaim(
            r.Id, r.CustomerId, new CustomerIdentity(WireNames.Parse<IdentityKind>(r.Kind), r.Value), r.Source, r.ThreadId,
            r.State == Verified, r.CreatedAt, r.VerifiedAt, r.VerifiedBy)).ToList();
    }

    private sealed class ClaimRow
    {
        public Guid Id { get; set; }
        public Guid CustomerId { get; set; }
        public string Kind { get; set; } = "";
        public string Value { get; set; } = "";
        public string Source { get; set; } = "";
        public string? ThreadId { get; set; }
        public string State { get; set; } = Claimed;
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? VerifiedAt { get; set; }
        public string? VerifiedBy { get; set; }
    }
}

internal sealed class ClaimCodeRow
{
    public Guid Id { get; set; }
    public Guid ClaimId { get; set; }
    public string CodeHash { get; set; } = "";
    public string Salt { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
