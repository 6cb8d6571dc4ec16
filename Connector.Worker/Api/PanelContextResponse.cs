using Connector.Core.Channels;
using Connector.Worker.People;

namespace Connector.Worker.Api;

/// <summary><c>GET /api/panel/context</c>.</summary>
/// <param name="Me">As <c>GET /api/me</c> says it; <c>agentId</c> is null for a key or person acting as no agent.</param>
/// <param name="Dispositions">The charter's wrap-up codes; empty when it lists none (the disposition is then free text).</param>
/// <param name="Journeys">Where work may be transferred to as a new task (<c>toJourney</c>).</param>
/// <param name="Agents">Every agent but the caller, to transfer to (<c>toAgentId</c>): no work details.</param>
/// <param name="Crm">The CRM adapter <c>Crm:Provider</c> selected; null for none.</param>
/// <param name="Hub">The SignalR hub the panel connects to for its stream.</param>
/// <param name="Presence">The channels the caller's agent is online for now (empty: away, or no agent).</param>
public sealed record PanelContextResponse(
    MeResponse Me,
    IReadOnlyList<Channel> Presence,
    IReadOnlyList<DispositionResponse> Dispositions,
    IReadOnlyList<JourneyResponse> Journeys,
    IReadOnlyList<PanelAgentResponse> Agents,
    IReadOnlyList<WhatsAppTemplateResponse> WhatsAppTemplates,
    IReadOnlyList<Channel> Channels,
    string? Crm,
    string Hub);

/// <param name="Channels">The channels whose work offers it at wrap-up.</param>
public sealed record DispositionResponse(string Code, string Label, IReadOnlyList<Channel> Channels);

/// <param name="Channels">The journey's preferred channels, most preferred first.</param>
public sealed record JourneyResponse(string Name, string Queue, IReadOnlyList<Channel> Channels);

/// <param name="Online">Online for at least one channel.</param>
public sealed record PanelAgentResponse(string Id, string Name, bool Online);

/// <param name="Description">What the template says, for the agent choosing it (<c>Acs:WhatsApp:Templates:N:Description</c>).</param>
public sealed record WhatsAppTemplateResponse(string Name, string Language, string? Description);
