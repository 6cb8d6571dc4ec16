using System.Security.Claims;
using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Worker.Acs;
using Connector.Worker.Hosting;
using Connector.Worker.People;
using Connector.Worker.Push;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Api;

/// <summary>
/// <c>GET /api/panel/context</c>: what the agent panel reads once when it starts, so that it needs no further call to
/// fill its menus: who the caller is, the wrap-up codes, the transfer targets (journeys and other agents), the WhatsApp
/// templates, the channels, the CRM and the hub. Anyone signed in with a role may call it; it holds no customer's data,
/// and of other agents only their id, name and whether they are online.
/// </summary>
public static class PanelContextEndpoints
{
    public static RouteGroupBuilder MapPanelContext(this RouteGroupBuilder api)
    {
        api.MapGet("/panel/context", GetAsync)
            .WithSummary("What the agent panel needs at start: the caller, dispositions, journeys and agents to transfer to, WhatsApp templates, channels, CRM, hub.");
        return api;
    }

    private static async Task<Ok<PanelContextResponse>> GetAsync(
        ClaimsPrincipal user, IRoutingStore store, RoutingPolicy policy, IOptions<AcsOptions> acs, StartupConfiguration startup, CancellationToken ct)
    {
        var me = MeResponse.Of(user);
        var all = await store.ListAgentsAsync(ct);
        var agents = all
            .Where(a => a.Id != me.AgentId)
            .Select(a => new PanelAgentResponse(a.Id, a.Name, a.Channels.Count > 0))
            .ToList();
        return TypedResults.Ok(new PanelContextResponse(
            me,
            all.FirstOrDefault(a => a.Id == me.AgentId)?.Channels.Order().ToList() ?? [],
            [.. policy.Dispositions.Select(d => new DispositionResponse(d.Code, d.Label, d.Channels))],
            [.. policy.Journeys.Values.OrderBy(j => j.Name, StringComparer.Ordinal).Select(j => new JourneyResponse(j.Name, j.Queue, j.PreferredChannels))],
            agents,
            [.. acs.Value.WhatsApp.Templates.Where(t => t.Name.Length > 0).Select(t => new WhatsAppTemplateResponse(t.Name, t.Language, t.Description))],
            Enum.GetValues<Channel>(),
            startup.CrmAdapter?.Name,
            AgentHub.Path));
    }
}
