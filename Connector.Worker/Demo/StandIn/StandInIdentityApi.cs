using System.Text.Json.Nodes;

namespace Connector.Worker.Demo.StandIn;

/// <summary>Identity (REST spec Identity/stable): create a user (with a token), issue a token for a user.</summary>
internal sealed class StandInIdentityApi(AcsStandIn acs)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/identities", CreateAsync);
        app.MapPost("/identities/{**rest}", IssueAsync);
    }

    private async Task CreateAsync(HttpContext context)
    {
        if (await StandInErrors.ReadObjectAsync(context) is not { } body)
        {
            return;
        }

        var user = acs.Identities.CreateUser();
        var answer = new JsonObject { ["identity"] = new JsonObject { ["id"] = user } };
        if (Scopes(body["createTokenWithScopes"]) is { Count: > 0 } scopes)
        {
            var token = acs.Identities.Issue(user, scopes, (int?)body["expiresInMinutes"]);
            answer["accessToken"] = new JsonObject { ["token"] = token.Token, ["expiresOn"] = AcsStandIn.Time(token.ExpiresOn) };
        }

        await StandInErrors.WriteJsonAsync(context, 201, answer);
    }

    private async Task IssueAsync(HttpContext context, string rest)
    {
        const string action = "/:issueAccessToken";
        if (!rest.EndsWith(action, StringComparison.Ordinal) || await StandInErrors.ReadObjectAsync(context) is not { } body)
        {
            if (!context.Response.HasStarted)
            {
                await StandInErrors.WriteAsync(context, 404, "NotFound", $"No Identity API at /identities/{rest}.");
            }

            return;
        }

        var user = Uri.UnescapeDataString(rest[..^action.Length]);
        if (!acs.Identities.Exists(user))
        {
            await StandInErrors.WriteAsync(context, 404, "IdentityNotFound", $"Identity {user} does not exist.");
            return;
        }

        if (Scopes(body["scopes"]) is not { Count: > 0 } scopes)
        {
            await StandInErrors.WriteAsync(context, 400, "BadRequest", "'scopes' needs at least one scope.");
            return;
        }

        var token = acs.Identities.Issue(user, scopes, (int?)body["expiresInMinutes"]);
        await StandInErrors.WriteJsonAsync(context, 200, new JsonObject { ["token"] = token.Token, ["expiresOn"] = AcsStandIn.Time(token.ExpiresOn) });
    }

    private static List<string>? Scopes(JsonNode? node) => (node as JsonArray)?.Select(s => (string?)s).OfType<string>().ToList();
}
