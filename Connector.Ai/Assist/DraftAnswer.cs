using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Connector.Ai.Assist;

/// <summary>What the AI service is asked to return for a draft (a JSON schema sent as <c>response_format</c>).</summary>
[Description("A reply for the contact-centre agent to send, and the sources it rests on.")]
public sealed record DraftAnswer(
    [property: JsonPropertyName("draft"), Description("The reply to the customer's last message, in the customer's language, grounded only in the sources.")] string Draft,
    [property: JsonPropertyName("sources"), Description("The ids of the sources used, exactly as given (e.g. article:…, reply:…).")] IReadOnlyList<string> Sources);
