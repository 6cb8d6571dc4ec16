using System.Text.Json.Serialization;

namespace Connector.Worker.Acs.Wire;

/// <summary>
/// CommunicationIdentifierModel as Call Automation uses it (Microsoft Learn, "Understand identifier types",
/// https://learn.microsoft.com/azure/communication-services/concepts/identifiers): an ACS user (<c>8:acs:…</c>) or a
/// phone number (<c>4:+44…</c>), always with its raw id.
/// </summary>
internal sealed record CallIdentifierWire(string? Kind, string? RawId, CommunicationUserWire? CommunicationUser, CallPhoneNumberWire? PhoneNumber)
{
    public const string PhonePrefix = "4:";

    /// <summary>The raw id, built from the typed part when a sender left it out.</summary>
    [JsonIgnore]
    public string? Id => RawId ?? CommunicationUser?.Id ?? (PhoneNumber?.Value is { } number ? PhonePrefix + number : null);

    public static CallIdentifierWire For(string rawId) => rawId.StartsWith(PhonePrefix, StringComparison.Ordinal)
        ? new CallIdentifierWire("phoneNumber", rawId, null, new CallPhoneNumberWire(rawId[PhonePrefix.Length..]))
        : new CallIdentifierWire("communicationUser", rawId, new CommunicationUserWire(rawId), null);
}

/// <summary><c>{"value":"+14255550123"}</c>.</summary>
internal sealed record CallPhoneNumberWire(string? Value);
