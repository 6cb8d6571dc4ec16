namespace Connector.Worker.Chat;

/// <summary><c>POST /api/chat/sessions</c>: what the website's pre-chat form says about the visitor (all optional).</summary>
public sealed record ChatSessionRequest(string? DisplayName, string? Phone, string? Email);

/// <summary>What the chat widget needs to talk to ACS Chat directly: the thread, the visitor's identity and token.</summary>
public sealed record ChatSessionResponse(string Endpoint, string ThreadId, string UserId, string Token, DateTimeOffset ExpiresOn, Guid CustomerId);
