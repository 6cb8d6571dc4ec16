using System.Text;

namespace Connector.Dynamics.Mapping;

/// <summary>
/// <c>$filter</c> text: string literals quoted with <c>'</c> doubled, and the whole query escaped as data, so a
/// <c>+</c> travels as <c>%2B</c> (a bare <c>+</c> in a query string reads as a space) and <c>'</c> as <c>%27</c>.
/// </summary>
internal static class DynamicsODataFilter
{
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string AnyEquals(IEnumerable<string> columns, IEnumerable<string> values)
    {
        var list = values.ToList();
        return string.Join(" or ", columns.SelectMany(c => list.Select(v => $"{c} eq {Literal(v)}")));
    }

    /// <summary><c>contacts?$select=…&amp;$filter=…</c> with each value escaped.</summary>
    public static string Query(string entitySet, IEnumerable<string> select, string filter, int? top = null)
    {
        var text = new StringBuilder(entitySet)
            .Append("?$select=").Append(string.Join(',', select))
            .Append("&$filter=").Append(Uri.EscapeDataString(filter));
        if (top is { } limit)
        {
            text.Append("&$top=").Append(limit);
        }

        return text.ToString();
    }
}
