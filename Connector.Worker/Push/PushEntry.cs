namespace Connector.Worker.Push;

/// <summary>
/// One message of a stream's journal, as stored and as carried between Workers. <see cref="Data"/> is the message's
/// JSON; null on the way between Workers when it was too large to carry (the receiver reads the journal instead).
/// </summary>
internal sealed record PushEntry(string Stream, long Seq, string Type, string? Data, DateTimeOffset At);
