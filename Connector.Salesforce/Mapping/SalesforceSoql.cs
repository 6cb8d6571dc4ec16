namespace Connector.Salesforce.Mapping;

/// <summary>SOQL literals: single-quoted, with <c>\</c> and <c>'</c> escaped (anything else would let data change the query).</summary>
internal static class SalesforceSoql
{
    public static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static string InList(IEnumerable<string> values) => "(" + string.Join(", ", values.Select(Quote)) + ")";
}
