using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// <c>/api/accounts</c>: admins manage local accounts. An account is disabled, never deleted, so that what it did
/// stays attributable; its sessions end at their next request.
/// </summary>
internal static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api)
    {
        // Routes written in full: a group of "/accounts" with "" would map "/api/accounts/", with a trailing slash.
        var accounts = api.MapGroup("").RequireAuthorization(Policies.Admin).WithTags("People");
        accounts.MapPost("/accounts", CreateAsync)
            .WithSummary("Creates a local account (email, displayName, password of at least 12 characters, role); its agent record is the one with the same email.");
        accounts.MapGet("/accounts", async (LocalAccountStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithSummary("Every local account (never its password), disabled ones with the time.");
        accounts.MapDelete("/accounts/{id}", DisableAsync).WithSummary("Disables the account: it cannot sign in, and its sessions end.");
        return api;
    }

    private static async Task<Results<Created<LocalAccount>, ValidationProblem>> CreateAsync(AccountRequest body, LocalAccounts accounts, CancellationToken ct)
    {
        if (LocalAccounts.Problem(body.Email, body.DisplayName, body.Password, body.Role) is { } problem)
        {
            return Invalid(problem.Field, problem.Message);
        }

        return await accounts.CreateAsync(body.Email!, body.DisplayName, body.Password!, body.Role!, ct) is { } account
            ? TypedResults.Created($"/api/accounts/{account.Id}", account)
            : Invalid("email", $"email: an account with '{body.Email}' exists already.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DisableAsync(string id, LocalAccountStore store, TimeProvider time, CancellationToken ct) =>
        await store.DisableAsync(id, time.GetUtcNow(), ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: 404, title: "Unknown account", detail: $"No local account has the id '{id}'.");

    private static ValidationProblem Invalid(string field, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [detail] }, title: $"Invalid {field}");
}

/// <summary><c>POST /api/accounts</c>.</summary>
public sealed record AccountRequest(string? Email, string? DisplayName, string? Password, string? Role);
