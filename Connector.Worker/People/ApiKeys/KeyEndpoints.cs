using System.Security.Claims;
using Connector.Core.Storage;
using Connector.Worker.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.People.ApiKeys;

/// <summary>
/// Named API keys for machines, issued and revoked by admins. Rotation: issue the new key, move the caller over,
/// revoke the old one; both work in between.
/// </summary>
internal static class KeyEndpoints
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("").RequireAuthorization(Policies.Admin).WithTags("People");
        keys.MapPost("/keys", IssueAsync).WithSummary("Issues a named key with a role (agent, supervisor, admin); agent and supervisor keys act as the agent they name. The key is shown once.");
        keys.MapGet("/keys", async (ApiKeyStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithSummary("Every issued key (never its secret), revoked ones with the time.");
        keys.MapDelete("/keys/{id}", RevokeAsync).WithSummary("Revokes a key at once.");
        return api;
    }

    private static async Task<Results<Created<IssuedKeyResponse>, ValidationProblem>> IssueAsync(
        KeyRequest body, ClaimsPrincipal user, ApiKeyStore store, IRoutingStore routing, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > MaxNameLength)
        {
            return Invalid("name", $"name is required, at most {MaxNameLength} characters: say who or what uses the key.");
        }

        if (!Roles.TryParse(body.Role, out var role))
        {
            return Invalid("role", $"role must be one of {string.Join(", ", Roles.All)}; got '{body.Role}'.");
        }

        var agentId = string.IsNullOrWhiteSpace(body.AgentId) ? null : body.AgentId.Trim();
        if (agentId is null && role is Roles.Agent or Roles.Supervisor)
        {
            return Invalid("agentId", $"A {role} key acts as an agent: name the agent with agentId.");
        }

        if (agentId is not null && await routing.GetAgentAsync(agentId, ct) is null)
        {
            return Invalid("agentId", $"No agent has the id '{agentId}'; create it with PUT /api/agents/{{id}} first.");
        }

        var (id, key, hash) = ApiKeySecret.Issue();
        var record = new ApiKeyRecord(id, body.Name.Trim(), role, agentId, time.GetUtcNow(), null);
        await store.InsertAsync(record, hash, ct);
        await audit.WriteAsync(AuditActor.Of(user), AuditKinds.KeyIssued, $"key:{id}", new { record.Name, role, agentId }, ct);
        return TypedResults.Created($"/api/keys/{id}", new IssuedKeyResponse(id, key, record.Name, role, agentId, record.CreatedAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, ClaimsPrincipal user, ApiKeyStore store, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        if (!await store.RevokeAsync(id, time.GetUtcNow(), ct))
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown key", detail: $"No key has the id '{id}'.");
        }

        await audit.WriteAsync(AuditActor.Of(user), AuditKinds.KeyRevoked, $"key:{id}", new { }, ct);
        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(string field, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [detail] }, title: $"Invalid {field}");
}
