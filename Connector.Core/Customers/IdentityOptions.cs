namespace Connector.Core.Customers;

/// <summary>Configuration section <c>Identity</c>.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>ISO 3166 region for phone numbers written without a country code (e.g. <c>GB</c>).</summary>
    public string? DefaultRegion { get; set; }
}
