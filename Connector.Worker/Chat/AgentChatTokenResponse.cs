namespace Connector.Worker.Chat;

/// <summary>What the agent panel needs to read chat threads as the agent (the token is a secret for that agent only).</summary>
public sealed record AgentChatTokenResponse(string AgentId, string UserId, string Token, DateTimeOffset ExpiresOn, string Endpoint, string ApiVersion);
