namespace Connector.Worker.Acs.Wire;

/// <summary>A chat message as listed.</summary>
internal sealed record ChatMessageWire(
    string? Id,
    string? Type,
    string? SequenceId,
    ChatMessageContentWire? Content,
    string? SenderDisplayName,
    CommunicationIdentifierWire? SenderCommunicationIdentifier,
    DateTimeOffset? CreatedOn,
    Dictionary<string, string>? Metadata = null);
