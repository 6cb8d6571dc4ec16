using System.Diagnostics;

namespace Connector.Worker.Telemetry;

/// <summary>The Worker's activity source: the spans of one message's way through intake, routing, the channel and the CRM.</summary>
public static class ConnectorTracing
{
    public const string SourceName = "Connector.Worker";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// A span continuing the trace a row was written under (its <c>trace_parent</c>): work picked up later, by another
    /// Worker or after a restart, stays in the message's one trace. Null when nobody listens, or when the row has no
    /// trace (written untraced): such work is not traced on its own, so a trace always begins at a way in.
    /// </summary>
    public static Activity? StartFrom(string name, string? traceParent, DateTimeOffset startTime = default) =>
        Source.HasListeners() && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent)
            ? Source.StartActivity(name, ActivityKind.Internal, parent, startTime: startTime)
            : null;

    /// <summary>Marks the span failed with the exception's type (its message may carry customer data).</summary>
    public static void Failed(this Activity? span, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
    }
}
