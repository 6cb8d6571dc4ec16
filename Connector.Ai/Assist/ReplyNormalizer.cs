using System.Text.RegularExpressions;
using Connector.Core.Compliance;

namespace Connector.Ai.Assist;

/// <summary>
/// A past reply as a reusable one: sensitive values redacted first, then what belongs to one customer replaced by a
/// placeholder (<c>{name}</c>, <c>{email}</c>, <c>{link}</c>, <c>{order}</c>, <c>{number}</c>), so that "Hi Carol, order
/// A-1234 ships today" and "Hi Dan, order B-99812 ships today" are one reply, and no customer's data reaches the library.
/// </summary>
public sealed partial class ReplyNormalizer(SensitiveDataRedactor redactor)
{
    /// <summary>
    /// Every pattern here is linear; the timeout guards against a mistake, not an attacker, and is generous because
    /// mining runs beside the sentence model on a busy machine, where 250 ms of wall clock can pass between two steps.
    /// </summary>
    private const int MatchTimeout = 1000;

    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = redactor.Redact(text) ?? "";
        var s = Email().Replace(redacted, "{email}");
        s = Link().Replace(s, "{link}");
        s = GreetedName().Replace(s, m => m.Groups["greeting"].Value + "{name}");
        s = IntroducedName().Replace(s, m => m.Groups["intro"].Value + "{name}");
        s = SignedName().Replace(s, m => m.Groups["sign"].Value + "{name}");
        s = OrderId().Replace(s, "{order}");
        s = Number().Replace(s, "{number}");
        return Spaces().Replace(s, " ").Trim();
    }

    /// <summary>The key exact duplicates share: case, punctuation and spacing do not tell two replies apart.</summary>
    public static string KeyOf(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return Spaces().Replace(NotWord().Replace(normalized.ToLowerInvariant(), " "), " ").Trim();
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+", RegexOptions.CultureInvariant, MatchTimeout)]
    private static partial Regex Email();

    [GeneratedRegex(@"\bhttps?://\S+|\bwww\.\S+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeout)]
    private static partial Regex Link();

    // A name is told by where it stands: after a greeting, an introduction or a sign-off, written with a capital.
    [GeneratedRegex(@"(?<greeting>\b(?:hi|hello|hey|dear|thanks|thank you|good (?:morning|afternoon|evening)),?\s+)(?-i:\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)(?!['\p{L}])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeout)]
    private static partial Regex GreetedName();

    [GeneratedRegex(@"(?<intro>\b(?:my name is|this is|i'm|i am)\s+)(?-i:\p{Lu}\p{Ll}+)(?!['\p{L}])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeout)]
    private static partial Regex IntroducedName();

    [GeneratedRegex(@"(?<sign>\b(?:regards|cheers|best|thanks),?\s*\n?\s*)(?-i:\p{Lu}\p{Ll}+)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeout)]
    private static partial Regex SignedName();

    // An order, ticket or case reference: a token mixing letters and at least three digits, or a # followed by digits.
    [GeneratedRegex(@"#\s?\d{3,}\b|\b(?=[\w-]*\d{3,})(?=[\w-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b|\b[A-Za-z]{1,4}\d{3,}\b", RegexOptions.CultureInvariant, MatchTimeout)]
    private static partial Regex OrderId();

    [GeneratedRegex(@"(?<![{\w])\d+(?:[.,:]\d+)*(?![\w}])", RegexOptions.CultureInvariant, MatchTimeout)]
    private static partial Regex Number();

    [GeneratedRegex(@"[^\p{L}\p{N}{}]+", RegexOptions.CultureInvariant, MatchTimeout)]
    private static partial Regex NotWord();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, MatchTimeout)]
    private static partial Regex Spaces();
}
