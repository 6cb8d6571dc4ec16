namespace Connector.Worker.Acs;

/// <summary>A chat message as listed. <see cref="Type"/> is text or html for people's messages, else a system type (participantAdded, topicUpdated…); <see cref="Metadata"/> what its sender attached.</summary>
public sealed record AcsChatMessage(
    string Id,
    string Type,
    string? SequenceId,
    string? Text,
    string? SenderUserId,
    string? SenderDisplayName,
    DateTimeOffset CreatedOn,
    IReadOnlyDictionary<string, string>? Metadata = null);
