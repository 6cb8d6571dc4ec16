using System.Diagnostics;

namespace Connector.Worker.Storage;

/// <summary>
/// The <c>trace_parent</c> column: the current span's W3C id, written in the same INSERT as the row (no statement of
/// its own), so that the work the row stands for continues the trace wherever and whenever it runs.
/// </summary>
internal static class TraceParentColumn
{
    /// <summary>The current span's <c>traceparent</c>; null when nothing is traced or the id is not W3C.</summary>
    public static string? Current => Activity.Current is { IdFormat: ActivityIdFormat.W3C } span ? span.Id : null;
}
