namespace Connector.Worker.People.SignIn;

/// <summary>A local account as the API shows it: never its password hash.</summary>
public sealed record LocalAccount(string Id, string Email, string DisplayName, string Role, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt);
