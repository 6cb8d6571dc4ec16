namespace Connector.Worker.Acs.Wire;

/// <summary>Body of <c>POST /messages/notifications:send</c> with <c>kind: template</c>.</summary>
internal sealed record TemplateNotificationRequest(string ChannelRegistrationId, IReadOnlyList<string> To, MessageTemplateWire Template, string Kind = "template");
