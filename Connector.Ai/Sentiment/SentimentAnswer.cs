using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Connector.Ai.Sentiment;

/// <summary>What the AI service is asked to return (a JSON schema sent as <c>response_format</c>).</summary>
[Description("The sentiment of one customer-service message.")]
public sealed record SentimentAnswer(
    [property: JsonPropertyName("sentiment"), Description("From -1 (very negative) to 1 (very positive); sarcastic praise is negative.")] double Sentiment,
    [property: JsonPropertyName("confidence"), Description("From 0 to 1: how sure the judgement is.")] double Confidence)
{
    public bool IsValid => Sentiment is >= -1 and <= 1 && Confidence is >= 0 and <= 1;
}
