namespace Connector.Core.Compliance;

/// <summary>What takes the place of a removed value: it names what was removed, so a reader knows why text is missing.</summary>
public static class RedactionMasks
{
    public const string Card = "[card number redacted]";
    public const string SecurityCode = "[CVV redacted]";
    public const string Iban = "[IBAN redacted]";
    public const string UsSocialSecurityNumber = "[SSN redacted]";
    public const string UkNationalInsuranceNumber = "[NI number redacted]";
    public const string Secret = "[secret redacted]";

    /// <summary>The mask of a charter pattern that names none.</summary>
    public static string For(string name) => $"[{name} redacted]";
}
