using System.Text.Json.Nodes;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>A WhatsApp send the fake accepted (once per repeatability id): the request body and the receipts given.</summary>
public sealed record FakeAcsNotification(JsonObject Body, string? RepeatabilityRequestId, IReadOnlyList<string> MessageIds)
{
    public string Kind => Body["kind"]?.GetValue<string>() ?? "";
}
