using Connector.Core.Customers;
using Connector.Core.Storage;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder api)
    {
        api.MapGet("/customers", FindAsync)
            .WithSummary("Finds the customer that owns an identity, e.g. ?identity=phone:+447700900123 (also email:, whatsapp:, chat:).");
        api.MapGet("/customers/{id:guid}", GetAsync)
            .WithSummary("One customer: identities, CRM records, conversations (to whoever has had their work, their queues' supervisors, admins).");
        return api;
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> FindAsync(
        HttpContext http, IdentityNormalizer normalizer, IConnectorStore store, WorkAccess access, CancellationToken ct)
    {
        // Read the raw query: in a query string '+' decodes to a space, and E.164 numbers start with '+'.
        var raw = RawQueryValue(http.Request.QueryString.Value, "identity");
        if (string.IsNullOrWhiteSpace(raw))
        {
            return TypedResults.Problem(statusCode: 400, title: "identity is required", detail: "Ask as ?identity=kind:value, e.g. phone:+447700900123.", extensions: NamingIdentity("identity is required."));
        }

        CustomerIdentity identity;
        try
        {
            identity = normalizer.Parse(raw);
        }
        catch (InvalidIdentityException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid identity", detail: ex.Message, extensions: NamingIdentity(ex.Message));
        }

        var customer = await store.FindCustomerAsync(identity, ct);
        if (customer is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown customer", detail: $"No customer has the identity {identity}.");
        }

        return await Visible(http, customer, store, access, ct);
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, IConnectorStore store, WorkAccess access, CancellationToken ct)
    {
        if (await store.GetCustomerAsync(id, ct) is not { } customer)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown customer", detail: $"No customer has the id {id}.");
        }

        return await Visible(http, customer, store, access, ct);
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Visible(HttpContext http, Customer customer, IConnectorStore store, WorkAccess access, CancellationToken ct)
    {
        if (!await access.CanSeeCustomerAsync(http.User, customer.Id, ct))
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your customer", detail: "You have had no work with this customer, nor does it reach a queue you supervise.");
        }

        var conversationIds = await store.ListConversationIdsAsync(customer.Id, ct);
        return TypedResults.Ok(new CustomerResponse(customer.Id, customer.CreatedAt, customer.Identities, customer.CrmRefs, conversationIds));
    }

    internal static string? RawQueryValue(string? queryString, string name)
    {
        foreach (var pair in (queryString ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            if (key == name)
            {
                return eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        return null;
    }

    private static Dictionary<string, object?> NamingIdentity(string message) =>
        new() { ["errors"] = new Dictionary<string, string[]> { ["identity"] = [message] } };
}
