using System.Security.Claims;
using Connector.Core.Crm;
using Connector.Core.Storage;
using Connector.Worker.Crm;
using Connector.Worker.People;
using Connector.Worker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

/// <summary>
/// The CRM side of the agent panel: the customer's contact (the screen-pop target) with the candidates of an ambiguous
/// search, and the agent's pick among them, which the CRM sync then uses.
/// </summary>
public static class CustomerCrmEndpoints
{
    public const int MaxRecordIdLength = 255;

    public static RouteGroupBuilder MapCustomerCrm(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id:guid}/crm", GetAsync)
            .WithSummary("The customer's CRM contact with its page, the candidates to pick from when several records match, and their cases: for whoever may see the customer.");
        api.MapPut("/customers/{id:guid}/crm/contact", PickAsync)
            .WithSummary("Picks the customer's CRM contact among the candidates (recordId); the CRM sync uses it and the waiting work goes ahead: an agent holding the customer's work, a supervisor who sees the customer, an admin.");
        return api;
    }

    /// <summary>Who: anyone who may see the customer (<see cref="WorkAccess.CanSeeCustomerAsync"/>); others 403, unknown 404.</summary>
    private static async Task<Results<Ok<CustomerCrmResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, IConnectorStore store, WorkAccess access, IServiceProvider services, CancellationToken ct)
    {
        if (await store.GetCustomerAsync(id, ct) is null)
        {
            return Unknown(id);
        }

        if (!await access.CanSeeCustomerAsync(user, id, ct))
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your customer", detail: "You have had no work with this customer, nor does it reach a queue you supervise.");
        }

        return TypedResults.Ok(await ViewAsync(id, services, ct));
    }

    /// <summary>
    /// Who: an agent holding a task of one of the customer's conversations (<see cref="WorkAccess.HoldsConversationAsync"/>),
    /// a supervisor who may see the customer, an admin; others 403, unknown customer 404.
    /// </summary>
    private static async Task<IResult> PickAsync(
        Guid id, CrmContactPickRequest? body, ClaimsPrincipal user, IConnectorStore store, WorkAccess access, IServiceProvider services, CancellationToken ct)
    {
        if (await store.GetCustomerAsync(id, ct) is null)
        {
            return Unknown(id);
        }

        if (!await MayPickAsync(user, id, store, access, ct))
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your customer",
                detail: "Only the agent holding this customer's work, a supervisor who sees it, or an admin picks the customer's CRM contact.");
        }

        var recordId = body?.RecordId?.Trim();
        if (string.IsNullOrEmpty(recordId) || recordId.Length > MaxRecordIdLength)
        {
            return Invalid($"recordId is required, at most {MaxRecordIdLength} characters: one of the candidates of GET /api/customers/{id}/crm.");
        }

        if (services.GetService<CrmAdapterDescriptor>() is null)
        {
            return TypedResults.Problem(statusCode: 409, title: "No CRM", detail: "No CRM is configured (Crm:Provider=None): there is no contact to pick.");
        }

        var pick = await services.GetRequiredService<CrmContactChoice>().PickAsync(id, recordId, ct);
        return pick.Outcome switch
        {
            CrmContactPickOutcome.Picked => TypedResults.Ok(await ViewAsync(id, services, ct)),
            CrmContactPickOutcome.NotACandidate => Invalid(pick.Candidates == 0
                ? $"recordId: customer {id} has no candidates to pick from (their contact search was not ambiguous, or has not run yet)."
                : $"recordId: '{recordId}' is not one of the customer's {pick.Candidates} candidates."),
            CrmContactPickOutcome.RecordOfAnotherCustomer => TypedResults.Problem(statusCode: 409, title: "Another customer's record",
                detail: $"{pick.Contact!.RecordType} {pick.Contact.RecordId} is already another customer's CRM record."),
            _ => TypedResults.Problem(statusCode: 409, title: "Already linked",
                detail: $"Customer {id} is already linked to {pick.Contact!.RecordType} {pick.Contact.RecordId}."),
        };
    }

    private static async Task<bool> MayPickAsync(ClaimsPrincipal user, Guid customerId, IConnectorStore store, WorkAccess access, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }

        if (user.IsInRole(Roles.Supervisor) && await access.CanSeeCustomerAsync(user, customerId, ct))
        {
            return true;
        }

        // An agent who only saw the work (an offer, a finished task) does not choose for the one who holds it.
        if (user.FindFirstValue(ConnectorClaims.AgentId) is not { } agentId)
        {
            return false;
        }

        foreach (var conversationId in await store.ListConversationIdsAsync(customerId, ct))
        {
            if (await access.HoldsConversationAsync(agentId, conversationId, ct))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<CustomerCrmResponse> ViewAsync(Guid customerId, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<CrmAdapterDescriptor>() is not { } adapter)
        {
            return new(null, null, [], []);
        }

        var crm = adapter.Crm;
        var links = services.GetRequiredService<ICrmLinkStore>();
        var store = services.GetRequiredService<IConnectorStore>();
        var urls = services.GetRequiredService<CrmRecordUrls>();

        // The sync's link; before it runs, the record the CRM host named at intake (the sync trusts it as a Contact too).
        var contact = await links.FindAsync(crm, CrmContactSync.KeyFor(customerId), ct) is { } link
            ? new CrmRecord(link.RecordType, link.RecordId)
            : (await store.GetCustomerAsync(customerId, ct))?.CrmRefFor(crm) is { } known ? new CrmRecord("Contact", known.RecordId) : null;
        var candidates = contact is null
            ? CrmContactSync.ReadCandidates(await services.GetRequiredService<SqlCrmSyncStore>().GetCandidatesAsync(crm, customerId, ct))
            : [];

        var cases = new List<CrmCaseLink>();
        foreach (var conversationId in await store.ListConversationIdsAsync(customerId, ct))
        {
            if (await links.FindAsync(crm, CrmInteractionSync.CaseKeyFor(conversationId), ct) is { } crmCase)
            {
                var page = await urls.LinkAsync(new CrmRecord(crmCase.RecordType, crmCase.RecordId), ct);
                cases.Add(new(conversationId, crmCase.RecordType, crmCase.RecordId, page.Url));
            }
        }

        return new(crm, contact is null ? null : await urls.LinkAsync(contact, ct), await urls.CandidatesAsync(candidates, ct), cases);
    }

    private static ProblemHttpResult Unknown(Guid id) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown customer", detail: $"No customer has the id {id}.");

    private static ValidationProblem Invalid(string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["recordId"] = [detail] }, title: "Invalid recordId");
}
