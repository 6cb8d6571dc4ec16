namespace Connector.Worker.Push.Messages;

/// <summary>
/// One final phrase of a running call's live transcript, already redacted, for the agents holding the call's
/// conversation: <see cref="Speaker"/> is <c>caller</c> (the customer's leg) or <c>agent</c> (anyone on our side);
/// <see cref="OffsetMs"/> counts from the start of the transcribed audio, as ACS gives it.
/// </summary>
public sealed record TranscriptPhrase(Guid ConversationId, string CallConnectionId, long OffsetMs, string Speaker, string Text);
