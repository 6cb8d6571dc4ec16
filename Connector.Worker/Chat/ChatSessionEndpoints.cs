using Connector.Core.Channels;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Worker.Acs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Chat;

/// <summary>
/// <c>POST /api/chat/sessions</c>: a website visitor gets an ACS identity, a chat token and a thread shared with the
/// connector. What the pre-chat form gave (phone, email) is linked to the visitor at once, so a customer who wrote
/// on WhatsApp and now opens a chat with the same number continues the same conversation.
/// </summary>
public static class ChatSessionEndpoints
{
    /// <summary>Public: no admin key (the visitor has none); rate and identity rules are the hardening issue's.</summary>
    public static IEndpointRouteBuilder MapChatSessions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/chat/sessions", StartAsync).WithTags("Web chat")
            .RequireRateLimiting(Limits.RateLimits.ChatSessions)
            .WithSummary("Starts a web chat: an ACS identity and chat token for the visitor and a thread with the connector.");
        return app;
    }

    private static async Task<Results<Ok<ChatSessionResponse>, ProblemHttpResult>> StartAsync(
        ChatSessionRequest? body, AcsConnection acs, AcsIdentityClient identity, AcsChatClient chat, ChatServiceIdentity service,
        ChatSessionStore sessions, InboundEventIntake intake, TimeProvider time, CancellationToken ct)
    {
        if (!acs.IsConfigured)
        {
            return TypedResults.Problem(statusCode: 503, title: "Web chat unavailable", detail: "Acs:ConnectionString is not configured.");
        }

        var given = new List<InboundIdentity>();
        if (!string.IsNullOrWhiteSpace(body?.Phone))
        {
            given.Add(new InboundIdentity(IdentityKind.Phone, body.Phone));
        }

        if (!string.IsNullOrWhiteSpace(body?.Email))
        {
            given.Add(new InboundIdentity(IdentityKind.Email, body.Email));
        }

        try
        {
            var connector = await service.GetAsync(ct);
            var visitor = await identity.CreateChatUserAsync(null, ct);
            var thread = await chat.CreateThreadAsync(connector.Token, "Web chat",
                [new AcsChatParticipant(connector.UserId, "Contact centre"), new AcsChatParticipant(visitor.UserId, body?.DisplayName ?? "Visitor")], ct);
            var now = time.GetUtcNow();
            await sessions.AddSessionAsync(thread.Id, visitor.UserId, now, ct);
            var linked = await intake.AcceptAsync(new InboundEvent(
                $"chat-session:{thread.Id}", Channel.Chat, null, Core.Conversations.Direction.In, now,
                [new InboundIdentity(IdentityKind.Chat, visitor.UserId), .. given]), ct);
            return TypedResults.Ok(new ChatSessionResponse(acs.Current.Endpoint.ToString(), thread.Id, visitor.UserId, visitor.AccessToken.Token, visitor.AccessToken.ExpiresOn, linked.CustomerId));
        }
        catch (InvalidInboundEventException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid pre-chat details", detail: ex.Message);
        }
        catch (AcsRequestFailedException ex)
        {
            return TypedResults.Problem(statusCode: 502, title: "ACS refused the chat session", detail: ex.Message);
        }
    }
}
