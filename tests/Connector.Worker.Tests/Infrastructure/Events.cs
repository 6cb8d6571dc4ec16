using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;

namespace Connector.Worker.Tests.Infrastructure;

/// <summary>Inbound events as the channel adapters produce them.</summary>
public static class Events
{
    public static readonly DateTimeOffset Monday9am = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static InboundEvent WhatsApp(string id, string from, DateTimeOffset at, string text = "Hello, my router is broken") =>
        new(id, Channel.WhatsApp, TimelineEventType.Message, Direction.In, at, [new InboundIdentity(IdentityKind.WhatsApp, from)], text);

    public static InboundEvent Call(string id, string from, DateTimeOffset at, string callId, TimelineEventType type = TimelineEventType.CallStarted) =>
        new(id, Channel.Voice, type, Direction.In, at, [new InboundIdentity(IdentityKind.Phone, from)], ExternalRef: callId);

    public static InboundEvent Mail(string id, string from, DateTimeOffset at, string text = "Following up on my call") =>
        new(id, Channel.Email, TimelineEventType.Message, Direction.In, at, [new InboundIdentity(IdentityKind.Email, from)], text);

    /// <summary>A web-chat pre-chat form: the visitor says who they are; no message yet.</summary>
    public static InboundEvent ChatIdentify(string id, string chatUser, DateTimeOffset at, params InboundIdentity[] given) =>
        new(id, Channel.Chat, null, Direction.In, at, [new InboundIdentity(IdentityKind.Chat, chatUser), .. given]);

    public static InboundEvent Chat(string id, string chatUser, DateTimeOffset at, string text, params InboundIdentity[] given) =>
        new(id, Channel.Chat, TimelineEventType.Message, Direction.In, at, [new InboundIdentity(IdentityKind.Chat, chatUser), .. given], text);

    public static InboundIdentity Phone(string value) => new(IdentityKind.Phone, value);

    public static InboundIdentity EmailAddress(string value) => new(IdentityKind.Email, value);
}
