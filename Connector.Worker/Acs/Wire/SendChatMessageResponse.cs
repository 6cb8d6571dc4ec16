namespace Connector.Worker.Acs.Wire;

/// <summary>201 of a sent chat message.</summary>
internal sealed record SendChatMessageResponse(string? Id);
