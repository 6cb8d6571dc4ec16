using Connector.Core.Customers;
using Connector.Worker.Acs.Wire;
using PhoneNumbers;

namespace Connector.Worker.Voice;

/// <summary>Who is on a call, as the customer identities and regions the rest of the connector understands.</summary>
internal static class CallParties
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>A phone caller is a phone identity; an ACS user (the web widget) is the chat identity of that user.</summary>
    public static (IdentityKind Kind, string Value) IdentityOf(string rawId) =>
        rawId.StartsWith(CallIdentifierWire.PhonePrefix, StringComparison.Ordinal)
            ? (IdentityKind.Phone, rawId[CallIdentifierWire.PhonePrefix.Length..])
            : (IdentityKind.Chat, rawId);

    /// <summary>The ISO region of a phone caller (for the consent terms); null for anyone else or an unparsable number.</summary>
    public static string? RegionOf(string rawId)
    {
        var (kind, value) = IdentityOf(rawId);
        if (kind != IdentityKind.Phone)
        {
            return null;
        }

        try
        {
            return Phones.GetRegionCodeForNumber(Phones.Parse(value, "ZZ")) is { Length: 2 } region ? region : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The phone number of an identifier (IncomingCall's <c>to</c>), from its typed part or its raw id; null for an ACS user or a Teams account.</summary>
    public static string? PhoneOf(CallIdentifierWire? identifier) =>
        identifier?.PhoneNumber?.Value is { Length: > 0 } number ? number
            : identifier?.Id is { } id && IdentityOf(id) is (IdentityKind.Phone, var value) ? value
            : null;

    public static string RawIdOfPhone(string e164) => CallIdentifierWire.PhonePrefix + e164;
}
