using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Connector.Ai.Bot;

/// <summary>What the AI service is asked to return for one customer message (a JSON schema sent as <c>response_format</c>).</summary>
[Description("The contact-centre bot's reply to the customer's latest message, using only the FAQ entries given.")]
public sealed record BotAiAnswer(
    [property: JsonPropertyName("answer"), Description("The reply to send, built only from the given FAQ answers; empty when handing off.")] string? Answer,
    [property: JsonPropertyName("sources"), Description("The ids of the FAQ entries the answer uses.")] IReadOnlyList<string>? Sources,
    [property: JsonPropertyName("handOff"), Description("True when a person must take over: the customer asks for one, raises a sensitive topic, is upset, or no FAQ entry answers the question.")] bool HandOff,
    [property: JsonPropertyName("handOffReason"), Description("When handing off: explicit_request, sensitive_intent, low_confidence or falling_sentiment.")] string? HandOffReason,
    [property: JsonPropertyName("intent"), Description("The FAQ entry id or the sensitive topic the message is about, if any.")] string? Intent);
