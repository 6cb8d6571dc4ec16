namespace Connector.Worker.Acs.Wire;

/// <summary>Body of <c>POST /messages/notifications:send</c> with <c>kind: text</c>.</summary>
internal sealed record TextNotificationRequest(string ChannelRegistrationId, IReadOnlyList<string> To, string Content, string Kind = "text");
