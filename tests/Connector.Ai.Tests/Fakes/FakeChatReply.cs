namespace Connector.Ai.Tests.Fakes;

/// <summary>How the fake answers the next chat completion.</summary>
public abstract record FakeChatReply
{
    /// <summary>A completion whose message content is <paramref name="Content"/> (for structured output, the JSON text).</summary>
    public sealed record Content(string Text) : FakeChatReply;

    /// <summary>429 with OpenAI's rate-limit error body and a Retry-After.</summary>
    public sealed record Throttled : FakeChatReply;

    /// <summary>Holds the request until the client gives up.</summary>
    public sealed record Hang : FakeChatReply;
}
