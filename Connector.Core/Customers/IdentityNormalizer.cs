using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Connector.Core.Customers;

/// <summary>
/// Turns what a channel says about a person into comparable identities: phones and WhatsApp ids to E.164
/// (numbers without a country code use <see cref="IdentityOptions.DefaultRegion"/>), emails trimmed and
/// lower-cased, chat ids trimmed.
/// </summary>
public sealed class IdentityNormalizer(IOptions<IdentityOptions> options)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private readonly string? _defaultRegion = options.Value.DefaultRegion?.Trim().ToUpperInvariant() is { Length: > 0 } r ? r : null;

    public static bool IsSupportedRegion(string region) =>
        Phones.GetSupportedRegions().Contains(region.Trim().ToUpperInvariant());

    /// <summary>
    /// This normalizer, reading numbers written without a country code in <paramref name="region"/> when one is
    /// given: for phones kept somewhere with a region setting of its own (a CRM adapter's <c>DefaultRegion</c>), which
    /// overrides <c>Identity:DefaultRegion</c> only when it is set.
    /// </summary>
    public IdentityNormalizer InRegion(string? region) =>
        string.IsNullOrWhiteSpace(region) ? this : new(Options.Create(new IdentityOptions { DefaultRegion = region }));

    public CustomerIdentity Normalize(IdentityKind kind, string? raw)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidIdentityException($"A {WireNames.Of(kind)} identity needs a value.");
        }

        return kind switch
        {
            IdentityKind.Phone => new CustomerIdentity(kind, ToE164(value, international: false)),
            IdentityKind.WhatsApp => new CustomerIdentity(kind, ToE164(value, international: true)),
            IdentityKind.Email or IdentityKind.UnverifiedEmail => new CustomerIdentity(kind, NormalizeEmail(value)),
            IdentityKind.Chat => new CustomerIdentity(kind, value),
            _ => throw new InvalidIdentityException($"Unknown identity kind {kind}."),
        };
    }

    /// <summary>Parses <c>kind:value</c> as used in <c>GET /api/customers?identity=…</c>.</summary>
    public CustomerIdentity Parse(string kindAndValue)
    {
        var colon = kindAndValue.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !WireNames.TryParse<IdentityKind>(kindAndValue[..colon], out var kind))
        {
            throw new InvalidIdentityException(
                $"An identity is written kind:value with kind one of {WireNames.Allowed<IdentityKind>()}; got '{kindAndValue}'.");
        }

        return Normalize(kind, kindAndValue[(colon + 1)..]);
    }

    private string ToE164(string value, bool international)
    {
        // WhatsApp ids are always international, often bare digits ("447700900123"); a '+' makes them parse.
        // A bare-digit phone is national when a default region is set (07700900123), else international.
        var candidate = value;
        if (!candidate.StartsWith('+') && candidate.All(char.IsAsciiDigit) && (international || _defaultRegion is null))
        {
            candidate = "+" + candidate;
        }

        try
        {
            var number = Phones.Parse(candidate, _defaultRegion ?? "ZZ");
            if (!Phones.IsPossibleNumber(number))
            {
                throw new InvalidIdentityException($"'{value}' is not a possible phone number.");
            }

            return Phones.Format(number, PhoneNumberFormat.E164);
        }
        catch (NumberParseException ex)
        {
            var hint = _defaultRegion is null ? " (no Identity:DefaultRegion is set, so it needs a +country code)" : "";
            throw new InvalidIdentityException($"'{value}' is not a phone number{hint}: {ex.Message}");
        }
    }

    private static string NormalizeEmail(string value)
    {
        var email = value.Trim().Trim('<', '>').Trim().ToLowerInvariant();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == email.Length - 1 || email.Contains(' ', StringComparison.Ordinal))
        {
            throw new InvalidIdentityException($"'{value}' is not an email address.");
        }

        return email;
    }
}
