using System.ClientModel;
using System.Text.Json;

namespace Connector.Ai.Chat;

/// <summary>Why an AI answer was not used, in the few words a result's <c>Method</c> carries ("429", "timed out").</summary>
public static class AiFallbackReason
{
    /// <summary>The reason for <paramref name="exception"/>, or null when it is not an AI failure (it then propagates).</summary>
    public static string? Of(Exception exception, bool timedOut) => exception switch
    {
        OperationCanceledException when timedOut => "timed out",
        ClientResultException { Status: > 0 } e => e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ClientResultException => "unreachable",
        HttpRequestException => "unreachable",
        JsonException or FormatException => "malformed answer",
        // The structured-output parser's refusal of an answer that does not fit the schema.
        InvalidOperationException => "malformed answer",
        _ => null,
    };
}
