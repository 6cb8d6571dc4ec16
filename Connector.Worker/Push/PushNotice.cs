namespace Connector.Worker.Push;

/// <summary>A message for one stream, before the journal numbers it.</summary>
internal sealed record PushNotice(string Stream, string Type, object Data);
