namespace Connector.Fakes.Crm.Salesforce;

/// <summary>
/// The objects and fields the fake org has, with what Salesforce enforces on them: unknown fields, read-only
/// fields, required fields, restricted picklists and lookups to the right object types.
/// </summary>
internal sealed class FakeSalesforceSchema
{
    private readonly Dictionary<string, FakeSObjectType> _types = new(StringComparer.OrdinalIgnoreCase);

    public FakeSalesforceSchema(string externalIdField)
    {
        ExternalIdField = externalIdField;
        Add(new FakeSObjectType("User", "005", ["Username", "FirstName", "LastName", "Email", "IsActive"], ["LastName"], readOnly: ["Name"]));
        Add(new FakeSObjectType("Account", "001", ["Name", "Phone", "Website", "Description", "OwnerId", externalIdField], ["Name"]));
        Add(new FakeSObjectType("Contact", "003",
            ["FirstName", "LastName", "Salutation", "Phone", "MobilePhone", "HomePhone", "OtherPhone", "Email", "AccountId", "Title", "Description", "OwnerId", externalIdField],
            ["LastName"], readOnly: ["Name"]));
        Add(new FakeSObjectType("Lead", "00Q",
            ["FirstName", "LastName", "Company", "Phone", "MobilePhone", "Email", "Status", "LeadSource", "Description", "OwnerId", externalIdField],
            ["LastName", "Company"], readOnly: ["Name"]));
        Add(new FakeSObjectType("Task", "00T",
            ["Subject", "WhoId", "WhatId", "TaskSubtype", "Type", "CallType", "CallDurationInSeconds", "CallObject", "CallDisposition", "Status", "Priority", "ActivityDate", "Description", "OwnerId", externalIdField],
            [], createOnly: ["TaskSubtype"]));
        Add(new FakeSObjectType("Case", "500",
            ["Subject", "Description", "ContactId", "AccountId", "Origin", "Status", "Priority", "OwnerId", externalIdField], [], readOnly: ["CaseNumber"]));
        Add(new FakeSObjectType("EmailMessage", "02s",
            ["Subject", "TextBody", "HtmlBody", "FromAddress", "FromName", "ToAddress", "CcAddress", "BccAddress", "Incoming", "MessageDate", "Status", "ParentId", "RelatedToId", "ToIds", externalIdField],
            []));
        Add(new FakeSObjectType("EmailMessageRelation", "0BA", ["EmailMessageId", "RelationId", "RelationType", "RelationAddress"], ["EmailMessageId", "RelationType"]));
        Add(new FakeSObjectType("ContentVersion", "068",
            ["Title", "PathOnClient", "VersionData", "FirstPublishLocationId", "Description", "ContentLocation", externalIdField],
            ["PathOnClient", "VersionData"],
            readOnly: ["ContentDocumentId"], createOnly: ["VersionData", "FirstPublishLocationId", "PathOnClient"]));
        Add(new FakeSObjectType("ContentDocumentLink", "06A", ["ContentDocumentId", "LinkedEntityId", "ShareType", "Visibility"], ["ContentDocumentId", "LinkedEntityId"]));

        Picklist("Task", "TaskSubtype", "Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn");
        Picklist("Task", "CallType", "Inbound", "Outbound", "Internal");
        Picklist("EmailMessageRelation", "RelationType", "FromAddress", "ToAddress", "CcAddress", "BccAddress");
        Lookup("EmailMessageRelation", "EmailMessageId", "EmailMessage");
        Lookup("EmailMessageRelation", "RelationId", "Contact", "Lead", "User");
        Picklist("EmailMessage", "Status", "0", "1", "2", "3", "4", "5");
        Lookup("Contact", "AccountId", "Account");
        Lookup("Contact", "OwnerId", "User");
        Lookup("Lead", "OwnerId", "User");
        Lookup("Account", "OwnerId", "User");
        Lookup("Task", "WhoId", "Contact", "Lead");
        Lookup("Task", "WhatId", "Account", "Case");
        Lookup("Task", "OwnerId", "User");
        Lookup("Case", "ContactId", "Contact");
        Lookup("Case", "AccountId", "Account");
        Lookup("Case", "OwnerId", "User");
        Lookup("EmailMessage", "ParentId", "Case");
        Lookup("EmailMessage", "RelatedToId", "Account", "Case");
        Lookup("EmailMessage", "ToIds", "Contact", "Lead", "User");
        Lookup("ContentVersion", "FirstPublishLocationId", "Account", "Contact", "Lead", "Task", "Case", "EmailMessage", "User");
        Lookup("ContentDocumentLink", "LinkedEntityId", "Account", "Contact", "Lead", "Task", "Case", "EmailMessage", "User");
    }

    public string ExternalIdField { get; }

    public IEnumerable<FakeSObjectType> Types => _types.Values;

    public FakeSObjectType? Find(string name) => _types.GetValueOrDefault(name);

    public FakeSObjectType? ByPrefix(string id) => id.Length >= 3 ? _types.Values.FirstOrDefault(t => id.StartsWith(t.Prefix, StringComparison.Ordinal)) : null;

    private void Add(FakeSObjectType type) => _types[type.Name] = type;

    private void Picklist(string type, string field, params string[] values) => _types[type].RestrictedPicklists[field] = values;

    private void Lookup(string type, string field, params string[] targets) => _types[type].Lookups[field] = targets;
}

/// <summary>One sObject type's fields and rules.</summary>
internal sealed class FakeSObjectType(
    string name, string prefix, IReadOnlyList<string> writable, IReadOnlyList<string> required, IEnumerable<string>? readOnly = null, IEnumerable<string>? createOnly = null)
{
    public string Name { get; } = name;

    public string Prefix { get; } = prefix;

    public IReadOnlyList<string> Writable { get; } = writable;

    public IReadOnlyList<string> Required { get; } = required;

    /// <summary>Fields Salesforce computes: readable, never writable.</summary>
    public HashSet<string> ReadOnly { get; } = new(["Id", "CreatedDate", "LastModifiedDate", "SystemModstamp", "IsDeleted", .. readOnly ?? []], StringComparer.OrdinalIgnoreCase);

    /// <summary>Fields that can be set on create but not on update.</summary>
    public HashSet<string> CreateOnly { get; } = new(createOnly ?? [], StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string[]> RestrictedPicklists { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string[]> Lookups { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical spelling of a field, readable or writable, or null when the object has no such field.</summary>
    public string? Canonical(string field) =>
        Writable.FirstOrDefault(f => f.Equals(field, StringComparison.OrdinalIgnoreCase))
        ?? ReadOnly.FirstOrDefault(f => f.Equals(field, StringComparison.OrdinalIgnoreCase));
}
