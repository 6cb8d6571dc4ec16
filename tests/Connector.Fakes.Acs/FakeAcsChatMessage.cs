using System.Text.Json.Nodes;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>A chat message in a fake thread (people's text/html, or a system message such as participantAdded), with the sender's metadata.</summary>
public sealed record FakeAcsChatMessage(
    string Id, string Type, long SequenceId, string? SenderId, string? SenderDisplayName, DateTimeOffset CreatedOn, JsonObject Content, JsonObject? Metadata = null);
