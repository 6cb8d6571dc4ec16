using Connector.Core.Channels;

namespace Connector.Core.Routing.Policy;

/// <summary>
/// How an agent sums up finished work (the charter's <c>dispositions:</c>): the code goes to the CRM with the
/// interaction, the label is what the panel shows.
/// </summary>
/// <param name="Channels">The channels whose work offers it; the charter's default is every channel.</param>
public sealed record Disposition(string Code, string Label, IReadOnlyList<Channel> Channels);
