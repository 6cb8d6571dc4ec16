using System.Diagnostics.Metrics;
using Connector.Worker.Api;

namespace Connector.Worker.Telemetry;

/// <summary>The queue board's figures as last read by <see cref="QueueSampler"/>, for the gauges to observe.</summary>
public sealed class QueueSample
{
    private volatile IReadOnlyList<QueueResponse> _last = [];

    internal void Set(IReadOnlyList<QueueResponse> queues) => _last = queues;

    internal IEnumerable<Measurement<double>> Observe(Func<QueueChannelResponse, double?> figure) =>
        from queue in _last
        from channel in queue.Channels
        let value = figure(channel)
        where value is not null
        select new Measurement<double>(value.Value,
            new KeyValuePair<string, object?>("queue", queue.Queue),
            new KeyValuePair<string, object?>("channel", Connector.Core.WireNames.Of(channel.Channel)));
}
