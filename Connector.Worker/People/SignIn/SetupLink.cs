using System.Security.Cryptography;
using System.Text;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// The one-time link that creates the first admin when there is no local account (<c>/setup?token=…</c>): a random
/// token, printed at start by <see cref="SetupLinkAnnouncer"/>, kept in memory only, used once. A restart prints
/// a new one; once an account exists there is none. Never a default password.
/// </summary>
internal sealed class SetupLink
{
    private string? _token;

    public string Issue()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Volatile.Write(ref _token, token);
        return token;
    }

    public bool IsValid(string? presented) => Matches(Volatile.Read(ref _token), presented);

    /// <summary>True for the one caller that presented the live token; the link is spent for everyone after it.</summary>
    public bool TryConsume(string? presented)
    {
        var current = Volatile.Read(ref _token);
        return Matches(current, presented) && Interlocked.CompareExchange(ref _token, null, current) == current;
    }

    private static bool Matches(string? token, string? presented) =>
        token is not null && presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(presented));
}
