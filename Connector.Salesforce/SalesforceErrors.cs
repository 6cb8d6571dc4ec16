using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Core.Crm;
using Connector.Salesforce.Wire;

namespace Connector.Salesforce;

/// <summary>Turns Salesforce's error array into the adapter boundary's one exception, deciding what is worth retrying.</summary>
internal static partial class SalesforceErrors
{
    public const string Crm = "salesforce";

    /// <summary>Our own code for a 300 answer: an external id that matches several records.</summary>
    public const string MultipleMatches = "MULTIPLE_RECORDS_FOR_EXTERNAL_ID";

    /// <summary>The daily allocation is gone for hours; the concurrency limit frees up in seconds.</summary>
    private static readonly TimeSpan DailyLimitBackoff = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan ConcurrencyLimitBackoff = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<SalesforceError> Parse(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Array)
        {
            return body.Deserialize<List<SalesforceError>>() ?? [];
        }

        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            return errors.Deserialize<List<SalesforceError>>() ?? [];
        }

        return [];
    }

    public static IReadOnlyList<SalesforceError> Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Parse(document.RootElement);
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static CrmRequestFailedException ToException(int status, IReadOnlyList<SalesforceError> errors, string operation)
    {
        var first = errors.Count > 0 ? errors[0] : null;
        var code = status == (int)HttpStatusCode.MultipleChoices ? MultipleMatches : first?.Code;
        var message = status == (int)HttpStatusCode.MultipleChoices
            ? $"{operation}: the external id matches more than one record"
            : $"{operation}: {first?.Message ?? "no error body"}";
        return code switch
        {
            "REQUEST_LIMIT_EXCEEDED" => new CrmRequestFailedException(
                Crm, status, code, message, IsConcurrencyLimit(first) ? ConcurrencyLimitBackoff : DailyLimitBackoff, throttled: true),
            // Another transaction holds the row (a parallel write to the same account): the same request succeeds later.
            "UNABLE_TO_LOCK_ROW" or "SERVER_UNAVAILABLE" => new CrmRequestFailedException(Crm, status, code, message, retryable: true),
            _ => new CrmRequestFailedException(Crm, status, code, message),
        };
    }

    /// <summary>
    /// The id of the record a DUPLICATE_VALUE error points at ("duplicate value found: Connector_Key__c duplicates
    /// value on record with id: 068…"): a replayed create of a unique key is the record written before.
    /// </summary>
    public static string? DuplicateRecordId(IReadOnlyList<SalesforceError> errors) =>
        errors.Where(e => e.Code == "DUPLICATE_VALUE").Select(e => DuplicateId().Match(e.Message ?? "")).FirstOrDefault(m => m.Success)?.Groups[1].Value;

    private static bool IsConcurrencyLimit(SalesforceError? error) =>
        error?.Message?.Contains("Concurrent", StringComparison.OrdinalIgnoreCase) == true;

    [GeneratedRegex(@"record with id:\s*([A-Za-z0-9]{15,18})")]
    private static partial Regex DuplicateId();
}
