using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Core.Crm;
using Connector.HubSpot.Wire;

namespace Connector.HubSpot;

/// <summary>Turns HubSpot's error body into the adapter boundary's one exception, deciding what is worth retrying.</summary>
internal static partial class HubSpotErrors
{
    public const string Crm = "hubspot";

    /// <summary>The rolling ten-second budget: worth retrying once the window has moved on.</summary>
    public const string TenSecondlyRolling = "TEN_SECONDLY_ROLLING";

    /// <summary>The account's daily allocation: gone until midnight in the account's time zone, so never retried.</summary>
    public const string Daily = "DAILY";

    public static HubSpotErrorBody? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<HubSpotErrorBody>(body);
        }
        catch (JsonException)
        {
            return null; // not JSON (a proxy's error page): reported with the status code alone
        }
    }

    public static CrmRequestFailedException ToException(int status, HubSpotErrorBody? error, string operation, TimeSpan rateInterval)
    {
        var code = error?.PolicyName ?? error?.Category ?? error?.ErrorType;
        var message = $"{operation}: {error?.Message ?? "no error body"}{(error?.CorrelationId is { } id ? $" (correlationId {id})" : "")}";
        if (status == (int)HttpStatusCode.TooManyRequests || error?.Category == "RATE_LIMITS")
        {
            if (error?.PolicyName == Daily)
            {
                // Retrying would only spend tomorrow's calls early: the work goes to the dead letters, saying why.
                return new CrmRequestFailedException(Crm, status, Daily,
                    $"{message}. HubSpot's DAILY API limit for this account is spent; the work is not retried. Raise the limit (API add-on) or replay it tomorrow.");
            }

            // TEN_SECONDLY_ROLLING, or the search endpoint's secondly limit (no policyName): back once the window has moved.
            var wait = error?.PolicyName == TenSecondlyRolling ? rateInterval : TimeSpan.FromSeconds(1);
            return new CrmRequestFailedException(Crm, status, code ?? "RATE_LIMIT", message, wait, throttled: true);
        }

        return new CrmRequestFailedException(Crm, status, code, message);
    }

    /// <summary>"Contact already exists. Existing ID: 123": a create of a known email is that contact.</summary>
    public static string? ExistingId(string? message) =>
        message is not null && ExistingIdPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"Existing ID:\s*(\d+)")]
    private static partial Regex ExistingIdPattern();
}
