namespace Connector.Worker.Acs;

/// <summary>A created chat thread (<c>19:…@thread.v2</c>) and the participants ACS refused.</summary>
public sealed record AcsChatThread(string Id, string Topic, DateTimeOffset CreatedOn, IReadOnlyList<AcsChatParticipantError> InvalidParticipants);
