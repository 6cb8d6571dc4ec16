namespace Connector.Worker.Acs;

/// <summary>A participant ACS did not add (unknown user, say), with ACS's code and message.</summary>
public sealed record AcsChatParticipantError(string? Target, string? Code, string? Message);
