using System.Text.Json;

namespace Connector.Worker.Push;

/// <summary>
/// What a client receives (hub method <c>push</c>): the message's number in its stream, which to give to
/// <c>Resume</c> and <c>Ack</c>; its type; when it was written (in the transaction of the change it reports); its data.
/// </summary>
public sealed record PushMessage(long Seq, string Type, DateTimeOffset At, JsonElement Data);
