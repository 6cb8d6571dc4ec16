namespace Connector.Worker.Acs;

/// <summary>An ACS user in a chat thread (<c>8:acs:…</c>) and the name others see.</summary>
public sealed record AcsChatParticipant(string UserId, string? DisplayName);
