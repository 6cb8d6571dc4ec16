using System.Security.Cryptography;
using System.Text;

namespace Connector.Worker.Acs;

/// <summary>
/// The <c>?key=</c> check of every ACS webhook (Event Grid deliveries, call callbacks, the transcription socket):
/// <c>Acs:WebhookKey</c>, or during a rotation <c>Acs:PreviousWebhookKey</c>, compared in constant time.
/// </summary>
internal static class WebhookKeys
{
    public static bool Configured(AcsOptions options) => options.WebhookKey is { Length: > 0 };

    public static bool Accepts(AcsOptions options, string? presented) =>
        presented is { Length: > 0 }
        && (Matches(options.WebhookKey, presented) | Matches(options.PreviousWebhookKey, presented));

    private static bool Matches(string? key, string presented) =>
        key is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
}
