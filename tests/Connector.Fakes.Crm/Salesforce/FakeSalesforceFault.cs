namespace Connector.Fakes.Crm.Salesforce;

/// <summary>A failure queued by a test: the next matching request (or Composite subrequest) answers this instead.</summary>
internal sealed record FakeSalesforceFault(Func<string, string, bool> Matches, FakeSalesforceResponse Answer);
