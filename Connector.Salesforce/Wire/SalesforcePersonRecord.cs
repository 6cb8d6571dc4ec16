namespace Connector.Salesforce.Wire;

/// <summary>A Contact or Lead as the resolver reads it from SOSL or SOQL (field names vary per object, so read by hand).</summary>
internal sealed record SalesforcePersonRecord(string Type, string Id, string? Name, IReadOnlyList<string> Phones, string? Email, string? ExternalKey);
