namespace Connector.Core.Intake;

/// <summary>A file the customer sent that the channel keeps for us to fetch (WhatsApp media by its id).</summary>
public sealed record InboundMedia(string Id, string? ContentType, string? FileName);
