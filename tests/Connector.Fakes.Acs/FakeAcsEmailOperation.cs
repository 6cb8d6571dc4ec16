using System.Text.Json.Nodes;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>An email send the fake accepted, its message as sent, and how often its status was polled.</summary>
public sealed class FakeAcsEmailOperation
{
    public required string Id { get; init; }

    public required JsonObject Message { get; init; }

    public int Polls { get; set; }
}
