using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// Identity: <c>POST /identities</c> and <c>POST /identities/{id}/:issueAccessToken</c> (Microsoft Learn,
/// "Communication Identity - Issue Access Token",
/// https://learn.microsoft.com/rest/api/communication/communication-identity/issue-access-token).
/// </summary>
internal sealed class FakeAcsIdentityApi(FakeAcsServer server)
{
    private static readonly HashSet<string> KnownScopes = new(["chat", "voip", "chat.join", "chat.join.limited", "voip.join"], StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/identities", (RequestDelegate)CreateAsync);
        app.MapPost("/identities/{id}/:issueAccessToken", (RequestDelegate)IssueAsync);
    }

    private async Task CreateAsync(HttpContext context)
    {
        if (await FakeAcsJsonBody.ReadObjectAsync(context, emptyAllowed: true) is not { } body
            || await ScopesAsync(context, body, "createTokenWithScopes", required: false) is not { } scopes
            || await LifetimeAsync(context, body) is not { } lifetime)
        {
            return;
        }

        var userId = server.CreateUser();
        var answer = new JsonObject { ["identity"] = new JsonObject { ["id"] = userId } };
        if (scopes.Count > 0)
        {
            answer["accessToken"] = TokenJson(server.IssueToken(userId, lifetime, [.. scopes]));
        }

        await FakeAcsJsonBody.WriteAsync(context, 201, answer);
    }

    private async Task IssueAsync(HttpContext context)
    {
        var userId = (string)context.GetRouteValue("id")!;
        if (await FakeAcsJsonBody.ReadObjectAsync(context) is not { } body
            || await ScopesAsync(context, body, "scopes", required: true) is not { } scopes
            || await LifetimeAsync(context, body) is not { } lifetime)
        {
            return;
        }

        if (!server.UserExists(userId))
        {
            await FakeAcsErrors.NotFoundAsync(context, $"Identity {userId} was not found.");
            return;
        }

        await FakeAcsJsonBody.WriteAsync(context, 200, TokenJson(server.IssueToken(userId, lifetime, [.. scopes])));
    }

    private static JsonObject TokenJson(FakeAcsIssuedToken token) =>
        new() { ["token"] = token.Token, ["expiresOn"] = FakeAcsJsonBody.Time(token.ExpiresOn) };

    private static async Task<List<string>?> ScopesAsync(HttpContext context, JsonObject body, string field, bool required)
    {
        var node = body[field];
        if (node is null)
        {
            if (required)
            {
                await FakeAcsErrors.BadRequestAsync(context, $"'{field}' is required.");
                return null;
            }

            return [];
        }

        var scopes = node is JsonArray array ? array.Select(FakeAcsJsonBody.String).ToList() : null;
        if (scopes is null || scopes.Any(s => s is null || !KnownScopes.Contains(s)) || (required && scopes.Count == 0))
        {
            await FakeAcsErrors.BadRequestAsync(context, $"'{field}' must list scopes from: {string.Join(", ", KnownScopes)}.");
            return null;
        }

        return scopes!;
    }

    /// <summary>Token lifetime: 60–1440 minutes, default 24 hours (<c>expiresInMinutes</c>, Learn page above).</summary>
    private static async Task<TimeSpan?> LifetimeAsync(HttpContext context, JsonObject body)
    {
        if (body["expiresInMinutes"] is not { } node)
        {
            return TimeSpan.FromHours(24);
        }

        if (node is JsonValue value && value.TryGetValue<int>(out var minutes) && minutes is >= 60 and <= 1440)
        {
            return TimeSpan.FromMinutes(minutes);
        }

        await FakeAcsErrors.BadRequestAsync(context, "'expiresInMinutes' must be between 60 and 1440.");
        return null;
    }
}
