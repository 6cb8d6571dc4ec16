using Connector.Worker.Acs.Wire;

namespace Connector.Worker.Acs;

/// <summary>One page of <c>GET /chat/threads/{id}/participants</c> on the wire.</summary>
internal sealed record AcsChatParticipantsPage(IReadOnlyList<ChatParticipantWire>? Value, string? NextLink);
