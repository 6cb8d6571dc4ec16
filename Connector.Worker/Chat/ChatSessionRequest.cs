namespace Connector.Worker.Chat;

/// <summary><c>POST /api/chat/sessions</c>: what the website's pre-chat form says about the visitor (all optional).</summary>
public sealed record ChatSessionRequest(string? DisplayName, string? Phone, string? Email);

/// <summary>
/// What the chat widget needs to talk to ACS Chat directly: the thread, the visitor's identity and token, and the
/// <paramref name="SessionKey"/> that proves the session is theirs (for the verification endpoints). Nothing about
/// the customer: no id, no echo of what was typed, so the answer tells nobody whether a number or address is known.
/// </summary>
public sealed record ChatSessionResponse(string Endpoint, string ThreadId, string UserId, string Token, DateTimeOffset ExpiresOn, string SessionKey);

/// <summary><c>POST /api/chat/sessions/{threadId}/verification-codes</c>: which claimed identity to send a code to (<c>phone</c> or <c>email</c>).</summary>
public sealed record ChatCodeRequest(string? Kind);

/// <summary>A code is on its way over the claimed channel; it is good until <paramref name="ExpiresAt"/>.</summary>
public sealed record ChatCodeSent(string Kind, DateTimeOffset ExpiresAt);

/// <summary><c>POST /api/chat/sessions/{threadId}/verify</c>: the code the visitor received.</summary>
public sealed record ChatVerifyRequest(string? Kind, string? Code);

public sealed record ChatVerified(string Kind, bool Verified);
