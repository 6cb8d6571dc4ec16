using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Connector.Worker.People.SignIn.Framed;

/// <summary>
/// One-time codes that carry a sign-in from the top-level popup into the CRM's iframe, whose partitioned session cookie
/// the popup cannot set. A code holds the claims the popup's sign-in produced, where to go next, a random id and an
/// expiry a minute ahead, protected by Data Protection with this purpose (the key ring every Worker shares,
/// <see cref="SessionKeyRing"/>), so no one can make or alter one; it is no session itself and works once
/// (<see cref="SignInHandoffStore"/>). The expiry is judged by <see cref="TimeProvider"/> rather than by
/// <c>ITimeLimitedDataProtector</c>, which reads the system clock and cannot tell an expired code from a forged one.
/// </summary>
internal sealed partial class SignInHandoff(IDataProtectionProvider protection, SignInHandoffStore store, TimeProvider time, ILogger<SignInHandoff> logger)
{
    /// <summary>Long enough for the popup to post the code and the frame to send it on; too short to be worth stealing.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Longer input is no code of ours (a code is a few hundred characters); it is refused before any work.</summary>
    private const int MaxCodeLength = 8192;

    private readonly IDataProtector _protector = protection.CreateProtector("Connector.SignIn.Handoff.v1");

    public enum Refusal
    {
        Malformed,
        Forged,
        Expired,
        Used,
    }

    public sealed record Redeemed(ClaimsPrincipal Person, string ReturnUrl);

    /// <summary>A code for <paramref name="person"/> (the principal of their session cookie) and the local <paramref name="returnUrl"/>.</summary>
    public string Issue(ClaimsPrincipal person, string returnUrl)
    {
        var payload = new Payload(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            time.GetUtcNow() + Lifetime,
            person.Claims.Select(c => new[] { c.Type, c.Value }).ToList(),
            returnUrl);
        return _protector.Protect(JsonSerializer.Serialize(payload));
    }

    /// <summary>The person and where they go, or why the code is refused (logged here, without the code).</summary>
    public async Task<(Redeemed? Redeemed, Refusal? Refusal)> RedeemAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxCodeLength)
        {
            return Refuse(Refusal.Malformed);
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(code));
        }
        catch (CryptographicException)
        {
            // Not base64url, not made with our key ring, or altered: Data Protection does not say which, nor do we need it.
            return Refuse(Refusal.Forged);
        }
        catch (JsonException)
        {
            return Refuse(Refusal.Malformed);
        }

        if (payload is not { Id.Length: > 0, Claims.Count: > 0, ReturnUrl: not null })
        {
            return Refuse(Refusal.Malformed);
        }

        var now = time.GetUtcNow();
        if (now >= payload.ExpiresAt)
        {
            return Refuse(Refusal.Expired);
        }

        if (!await store.TryUseAsync(payload.Id, payload.ExpiresAt, now, ct))
        {
            return Refuse(Refusal.Used);
        }

        var claims = payload.Claims.Where(c => c.Length == 2).Select(c => new Claim(c[0], c[1]));
        return (new Redeemed(SignedInPerson.Principal(AuthSchemes.Cookie, claims), SignInEndpoints.LocalOrHome(payload.ReturnUrl)), null);
    }

    private (Redeemed?, Refusal?) Refuse(Refusal refusal)
    {
        LogRefused(logger, refusal);
        return (null, refusal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in handoff code was refused: {Refusal}")]
    private static partial void LogRefused(ILogger logger, Refusal refusal);

    /// <summary>What a code holds; the claims as [type, value] pairs, as the sign-in produced them.</summary>
    private sealed record Payload(string Id, DateTimeOffset ExpiresAt, List<string[]> Claims, string ReturnUrl);
}
