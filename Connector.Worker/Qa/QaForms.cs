using Connector.Core.Channels;
using Connector.Core.Qa;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.Qa;

/// <summary>The charter's QA forms, asked by the store whether ended work of a channel needs scoring at all.</summary>
internal sealed class QaForms(RoutingPolicy policy)
{
    public bool Any(Channel channel) => policy.QaForms.Any(f => f.Channels.Contains(channel));

    public IReadOnlyList<EvaluationForm> For(Channel channel, string? queue) => [.. policy.QaForms.Where(f => f.AppliesTo(channel, queue))];
}
