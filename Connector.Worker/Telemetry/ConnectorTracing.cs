using System.Diagnostics;

namespace Connector.Worker.Telemetry;

/// <summary>The Worker's activity source: the spans of one message's way through intake, routing, the channel and the CRM.</summary>
public static class ConnectorTracing
{
    public const string SourceName = "Connector.Worker";

    public static ActivitySource Source { get; } = new(SourceName);
}
