using System.Security.Cryptography;
using System.Text;
using Connector.Worker.Acs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Voice;

/// <summary>Callbacks and the transcription socket must carry <c>?key=</c> (Acs:WebhookKey) and, when configured, a valid ACS JWT.</summary>
internal sealed class CallbackAuthenticator(IOptions<AcsOptions> acs, CallbackJwtValidator jwt, ILogger<CallbackAuthenticator> logger)
{
    public async Task<ProblemHttpResult?> RefusalAsync(HttpRequest request, bool requireJwt, CancellationToken ct)
    {
        if (acs.Value.WebhookKey is not { Length: > 0 } key)
        {
            return TypedResults.Problem(statusCode: 401, title: "Webhook not configured", detail: "Acs:WebhookKey is not set, so every callback is refused.");
        }

        var presented = request.Query["key"].ToString();
        if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key)))
        {
            logger.LogWarning("Call callback refused: wrong key");
            return TypedResults.Problem(statusCode: 401, title: "Wrong webhook key", detail: "The ?key= of the URL does not match Acs:WebhookKey.");
        }

        if (requireJwt && await jwt.RefusalAsync(request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, ct) is { } why)
        {
            logger.LogWarning("Call callback refused: {Reason}", why);
            return TypedResults.Problem(statusCode: 401, title: "Invalid callback token", detail: $"Refused: {why}.");
        }

        return null;
    }
}
