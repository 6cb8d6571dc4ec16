using Connector.Core.Intake;

namespace Connector.Worker.Webhooks;

/// <summary>What one delivered event means to the connector.</summary>
internal abstract record MappedEvent(ReceivedEvent Event)
{
    /// <summary>A customer's message (or the like): it goes through intake.</summary>
    public sealed record Intake(ReceivedEvent Event, InboundEvent Inbound) : MappedEvent(Event);

    /// <summary>The Event Grid subscription handshake: answered with the code.</summary>
    public sealed record Validation(ReceivedEvent Event, string Code) : MappedEvent(Event);

    /// <summary>An outbound message moved on (sent, delivered, read, failed).</summary>
    public sealed record DeliveryStatus(ReceivedEvent Event, string MessageId, string Status) : MappedEvent(Event);

    /// <summary>A call event Event Grid brings (IncomingCall, RecordingFileStatusUpdated): handed to the voice module.</summary>
    public sealed record Call(ReceivedEvent Event) : MappedEvent(Event);

    /// <summary>Acknowledged and dropped (unknown type, our own echo, a channel the product does not serve).</summary>
    public sealed record Ignored(ReceivedEvent Event, string Reason) : MappedEvent(Event);
}
