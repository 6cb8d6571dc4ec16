using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// Local accounts' rules, the same for the API, the setup link and the CLI: what makes a valid account, how a
/// password is checked (ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>), and the lockout after repeated
/// wrong passwords.
/// </summary>
internal sealed class LocalAccounts(LocalAccountStore store, IOptions<AuthOptions> options, TimeProvider time)
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 1024;
    public const int MaxNameLength = 200;

    private static readonly PasswordHasher<LocalAccount> Hasher = new();

    /// <summary>A hash of nothing anyone knows, checked when the email is unknown so that its answer takes as long.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

    /// <summary>The first problem with the new account's fields, as (field, message); null when there is none.</summary>
    public static (string Field, string Message)? Problem(string? email, string? displayName, string? password, string? role)
    {
        if (string.IsNullOrWhiteSpace(email) || !MailAddress.TryCreate(email.Trim(), out _))
        {
            return ("email", $"email: '{email}' is not an email address.");
        }

        if (displayName is { Length: > MaxNameLength })
        {
            return ("displayName", $"displayName: at most {MaxNameLength} characters.");
        }

        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            return ("password", $"password: at least {MinPasswordLength} characters (a passphrase is fine), at most {MaxPasswordLength}.");
        }

        if (!Roles.TryParse(role, out _))
        {
            return ("role", $"role must be one of {string.Join(", ", Roles.All)}; got '{role}'.");
        }

        return null;
    }

    /// <summary>Creates a checked account (<see cref="Problem"/> first); null when the email is taken.</summary>
    public Task<LocalAccount?> CreateAsync(string email, string? displayName, string password, string role, CancellationToken ct)
    {
        if (!Roles.TryParse(role, out var canonical))
        {
            throw new ArgumentException($"Unknown role '{role}'; check the fields with Problem first.", nameof(role));
        }

        var name = string.IsNullOrWhiteSpace(displayName) ? email.Trim() : displayName;
        return store.CreateAsync(email, name, canonical, Hasher.HashPassword(null!, password), time.GetUtcNow(), ct);
    }

    /// <summary>The account the email and password open, or why not.</summary>
    public async Task<(LocalAccount? Account, string? Refusal)> CheckAsync(string? email, string? password, CancellationToken ct)
    {
        const string wrong = "Wrong email or password.";
        var now = time.GetUtcNow();
        var found = string.IsNullOrWhiteSpace(email) ? null : await store.FindByEmailAsync(email, ct);
        if (found is null || found.Account.DisabledAt is not null || string.IsNullOrEmpty(password))
        {
            Hasher.VerifyHashedPassword(null!, DecoyHash, password ?? "");
            return (null, wrong);
        }

        if (found.LockedUntil is { } until && until > now)
        {
            return (null, $"Too many wrong passwords: this account is locked until {until:HH:mm} UTC.");
        }

        var verdict = Hasher.VerifyHashedPassword(found.Account, found.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var lockout = options.Value.LocalAccounts;
            await store.RecordFailureAsync(found.Account.Id, lockout.MaxFailedSignIns, now.AddMinutes(lockout.LockoutMinutes), ct);
            return (null, wrong);
        }

        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(found.Account, password) : null;
        await store.RecordSuccessAsync(found.Account.Id, rehash, ct);
        return (found.Account, null);
    }
}
