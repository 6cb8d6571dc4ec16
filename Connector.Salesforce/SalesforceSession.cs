namespace Connector.Salesforce;

/// <summary>An access token and the instance it is valid for (<c>instance_url</c> from the token response).</summary>
public sealed record SalesforceSession(string AccessToken, Uri InstanceUrl, DateTimeOffset IssuedAt);
