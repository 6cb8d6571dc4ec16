namespace Connector.Core.Customers;

/// <summary>An identity that cannot be normalized (a phone number that is not one, an empty email…).</summary>
public sealed class InvalidIdentityException(string message) : Exception(message);
