using Connector.Worker.Acs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Voice;

/// <summary>Callbacks and the transcription socket must carry <c>?key=</c> (Acs:WebhookKey, or Acs:PreviousWebhookKey during a rotation) and, when configured, a valid ACS JWT.</summary>
internal sealed class CallbackAuthenticator(IOptions<AcsOptions> acs, CallbackJwtValidator jwt, ILogger<CallbackAuthenticator> logger)
{
    public async Task<ProblemHttpResult?> RefusalAsync(HttpRequest request, bool requireJwt, CancellationToken ct)
    {
        if (WebhookKeys.Refusal(acs.Value, request.Query["key"].ToString(), "callback") is { } refused)
        {
            logger.LogWarning("Call callback refused: {Reason}", refused.ProblemDetails.Title);
            return refused;
        }

        if (requireJwt && await jwt.RefusalAsync(request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, ct) is { } why)
        {
            logger.LogWarning("Call callback refused: {Reason}", why);
            return TypedResults.Problem(statusCode: 401, title: "Invalid callback token", detail: $"Refused: {why}.");
        }

        return null;
    }
}
