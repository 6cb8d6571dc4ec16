namespace Connector.Fakes.Crm.Salesforce;

/// <summary>What a request asked for, so tests can count API calls by kind.</summary>
public enum FakeSalesforceRequestKind
{
    Token,
    Query,
    Search,
    SObject,
    Composite,
    Collection,
    Limits,
    Other,
}
