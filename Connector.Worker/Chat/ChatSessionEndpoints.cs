using Connector.Core.Channels;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Worker.Acs;
using Connector.Worker.Claims;

namespace Connector.Worker.Chat;

/// <summary>
/// <c>POST /api/chat/sessions</c>: a website visitor gets an ACS identity, a chat token and a thread shared with the
/// connector. Intake knows the visitor by that ACS identity (<c>chat:…</c>) alone: the phone and email the pre-chat
/// form gave are only <em>claimed</em>, kept on the session for the agent to see and linked once verified
/// (<see cref="ChatVerificationEndpoints"/>, or an agent's confirmation), never used to find a customer before that.
/// </summary>
public static class ChatSessionEndpoints
{
    /// <summary>Public: the visitor has no account. The answer carries no customer id and echoes nothing typed.</summary>
    public static IEndpointRouteBuilder MapChatSessions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/chat/sessions", StartAsync).WithTags("Web chat")
            .RequireRateLimiting(Limits.RateLimits.ChatSessions)
            .WithSummary("Starts a web chat: an ACS identity and chat token for the visitor, a thread with the connector, and the session key; phone and email are kept as claims, unverified.");
        return app;
    }

    private static async Task<IResult> StartAsync(
        ChatSessionRequest? body, AcsConnection acs, AcsIdentityClient identity, AcsChatClient chat, ChatServiceIdentity service,
        ChatSessionStore sessions, InboundEventIntake intake, IdentityNormalizer normalizer, IdentityClaimStore claims, Limits.ClaimedIdentityLimiter perIdentity,
        HttpContext http, TimeProvider time, CancellationToken ct)
    {
        if (!acs.IsConfigured)
        {
            return TypedResults.Problem(statusCode: 503, title: "Web chat unavailable", detail: "Acs:ConnectionString is not configured.");
        }

        var claimed = new List<(string Field, CustomerIdentity Identity)>();
        var problems = new Dictionary<string, string[]>();
        foreach (var (field, kind, value) in new[] { ("phone", IdentityKind.Phone, body?.Phone), ("email", IdentityKind.Email, body?.Email) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            try
            {
                claimed.Add((field, normalizer.Normalize(kind, value)));
            }
            catch (InvalidIdentityException ex)
            {
                problems[field] = [ex.Message];
            }
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "Invalid pre-chat details");
        }

        foreach (var (field, claim) in claimed)
        {
            if (!perIdentity.TryAcquire(claim, out var retryAfter))
            {
                var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: 429, title: "Too many chat sessions for these details",
                    detail: $"{field}: too many chat sessions have named it this hour; try again in {seconds} s.",
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = ["too many chat sessions have named it this hour"] } });
            }
        }

        try
        {
            var connector = await service.GetAsync(ct);
            var visitor = await identity.CreateChatUserAsync(null, ct);
            var thread = await chat.CreateThreadAsync(connector.Token, "Web chat",
                [new AcsChatParticipant(connector.UserId, "Contact centre"), new AcsChatParticipant(visitor.UserId, body?.DisplayName ?? "Visitor")], ct);
            var now = time.GetUtcNow();
            var key = ChatVisitorKey.New();
            await sessions.AddSessionAsync(thread.Id, visitor.UserId, ChatVisitorKey.HashOf(key), now, ct);
            var visitorCustomer = await intake.AcceptAsync(new InboundEvent(
                $"chat-session:{thread.Id}", Channel.Chat, null, Core.Conversations.Direction.In, now,
                [new InboundIdentity(IdentityKind.Chat, visitor.UserId)]), ct);
            foreach (var (_, claim) in claimed)
            {
                await claims.AddAsync(visitorCustomer.CustomerId, claim, ClaimSources.Chat, thread.Id, now, ct);
            }

            return TypedResults.Ok(new ChatSessionResponse(acs.Current.Endpoint.ToString(), thread.Id, visitor.UserId, visitor.AccessToken.Token, visitor.AccessToken.ExpiresOn, key));
        }
        catch (AcsRequestFailedException ex)
        {
            return TypedResults.Problem(statusCode: 502, title: "ACS refused the chat session", detail: ex.Message);
        }
    }
}
