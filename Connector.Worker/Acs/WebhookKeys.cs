using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Acs;

/// <summary>
/// The <c>?key=</c> check of every ACS webhook (Event Grid deliveries, call callbacks, the transcription socket):
/// <c>Acs:WebhookKey</c>, or during a rotation <c>Acs:PreviousWebhookKey</c>, compared in constant time.
/// </summary>
internal static class WebhookKeys
{
    /// <summary>Why a request carrying <paramref name="presented"/> is refused (a 401 problem), or null when its key is accepted.</summary>
    /// <param name="what">What is refused, for the problem's text: "delivery", "callback".</param>
    public static ProblemHttpResult? Refusal(AcsOptions options, string? presented, string what)
    {
        if (options.WebhookKey is not { Length: > 0 })
        {
            return TypedResults.Problem(statusCode: 401, title: "Webhook not configured", detail: $"Acs:WebhookKey is not set, so every {what} is refused.");
        }

        return presented is { Length: > 0 } && (Matches(options.WebhookKey, presented) | Matches(options.PreviousWebhookKey, presented))
            ? null
            : TypedResults.Problem(statusCode: 401, title: "Wrong webhook key", detail: "The ?key= of the URL does not match Acs:WebhookKey (nor Acs:PreviousWebhookKey).");
    }

    private static bool Matches(string? key, string presented) =>
        key is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
}
