using System.Text.Json.Nodes;

namespace Connector.Ai.Tests.Fakes;

/// <summary>One request the fake received, as it arrived.</summary>
public sealed record FakeChatRequest(string Path, string Query, string? Authorization, string? ApiKey, JsonObject? Body, int Status);
