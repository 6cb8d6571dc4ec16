namespace Connector.Worker.Acs.Wire;

/// <summary>201 of <c>POST /identities</c>.</summary>
internal sealed record CreateIdentityResponse(CommunicationUserWire? Identity, AccessTokenWire? AccessToken);
