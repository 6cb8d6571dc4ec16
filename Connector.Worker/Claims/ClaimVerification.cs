using Microsoft.Extensions.Options;

namespace Connector.Worker.Claims;

internal enum CodeCheck
{
    Verified,
    NoCode,
    Expired,
    TooManyAttempts,
    Wrong,
}

/// <summary>What asking for a code came to: sent (good until <paramref name="ExpiresAt"/>), or refused by the per-identity limit.</summary>
internal sealed record CodeSend(bool Sent, DateTimeOffset ExpiresAt, TimeSpan RetryAfter);

/// <summary>
/// One-time codes for a claim: at most <see cref="ClaimVerificationOptions.MaxCodesPerIdentityPerHour"/> sent to one
/// phone or address per hour (counted in the store, so every Worker sees the same count), kept hashed, good for
/// <see cref="ClaimVerificationOptions.CodeLifetime"/> and <see cref="ClaimVerificationOptions.MaxAttempts"/> guesses;
/// the right one links the claim through intake.
/// </summary>
internal sealed class ClaimVerification(
    IdentityClaimStore claims, ClaimCodeSender sender, ClaimLinker linker, IOptions<ClaimVerificationOptions> options, TimeProvider time)
{
    private static readonly TimeSpan SendWindow = TimeSpan.FromHours(1);

    public async Task<CodeSend> SendCodeAsync(IdentityClaim claim, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await claims.CountCodesSentAsync(claim.Identity, now - SendWindow, ct) >= options.Value.MaxCodesPerIdentityPerHour)
        {
            return new CodeSend(false, now, SendWindow);
        }

        // Kept before it is sent: a send that fails still counts against the limit, so failures cannot be used to hammer.
        var code = ClaimCodeHash.NewCode();
        var expiresAt = now + options.Value.CodeLifetime;
        await claims.AddCodeAsync(claim.Id, ClaimCodeHash.Of(code), now, expiresAt, ct);
        await sender.SendAsync(claim.Identity, code, ct);
        return new CodeSend(true, expiresAt, TimeSpan.Zero);
    }

    /// <returns>The outcome and the attempts left on the code.</returns>
    public async Task<(CodeCheck Outcome, int AttemptsLeft)> CheckAsync(IdentityClaim claim, string code, CancellationToken ct)
    {
        var max = options.Value.MaxAttempts;
        if (await claims.LatestCodeAsync(claim.Id, ct) is not { UsedAt: null } latest)
        {
            return (CodeCheck.NoCode, 0);
        }

        if (latest.ExpiresAt <= time.GetUtcNow())
        {
            return (CodeCheck.Expired, 0);
        }

        if (!await claims.TrySpendAttemptAsync(latest.Id, max, ct))
        {
            return (CodeCheck.TooManyAttempts, 0);
        }

        var left = max - latest.Attempts - 1;
        if (!ClaimCodeHash.Matches(code, latest.CodeHash, latest.Salt))
        {
            return (CodeCheck.Wrong, left);
        }

        // Linked before the code is used up: a crash between the two leaves a code whose repeat links nothing new
        // (the link is one intake event per claim), never a used code with the claim unlinked.
        await linker.LinkAsync(claim, "code", ct);
        await claims.TryUseAsync(latest.Id, time.GetUtcNow(), ct);
        return (CodeCheck.Verified, left);
    }
}
