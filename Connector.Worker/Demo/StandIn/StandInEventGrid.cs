using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Connector.Worker.Demo.StandIn;

/// <summary>
/// Delivers ACS events to the Worker's webhook (<c>/webhooks/acs/events?key=…</c>) as Event Grid does: an Event Grid
/// schema array with the <c>aeg-*</c> headers, retried with back-off when the Worker does not answer 2xx (Event
/// Grid's retry policy, shortened for a demo). A delivery that still fails is logged, never dropped silently.
/// </summary>
internal sealed class StandInEventGrid(Uri webhook, ILogger logger) : IDisposable
{
    private const int Attempts = 6;
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(30) };

    public const string Topic = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/demo/providers/Microsoft.Communication/communicationServices/connector-demo";

    public Uri Webhook => webhook;

    public static JsonObject Event(string eventType, string subject, JsonNode data) => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["topic"] = Topic,
        ["subject"] = subject,
        ["data"] = data,
        ["eventType"] = $"Microsoft.Communication.{eventType}",
        ["eventTime"] = AcsStandIn.Time(DateTimeOffset.UtcNow),
        ["dataVersion"] = "1.0",
        ["metadataVersion"] = "1",
    };

    /// <returns>True once the Worker accepted the delivery.</returns>
    public async Task<bool> DeliverAsync(JsonObject e, CancellationToken ct)
    {
        var body = new JsonArray(e.DeepClone()).ToJsonString();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), ct);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, webhook)
            {
                Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add("aeg-event-type", "Notification");
            request.Headers.Add("aeg-subscription-name", "CONNECTOR-DEMO");
            request.Headers.Add("aeg-delivery-count", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("aeg-data-version", "1.0");
            request.Headers.Add("aeg-metadata-version", "1");
            try
            {
                using var response = await _http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                logger.LogWarning("Event Grid delivery of {EventType} answered {Status} (attempt {Attempt})", e["eventType"], (int)response.StatusCode, attempt + 1);
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning("Event Grid delivery of {EventType} failed: {Error} (attempt {Attempt})", e["eventType"], ex.Message, attempt + 1);
            }
        }

        logger.LogError("Event Grid gave up delivering {EventType} {EventId} after {Attempts} attempts", e["eventType"], e["id"], Attempts);
        return false;
    }

    /// <summary>Delivered in the background (ACS sends events after it answered the request that caused them).</summary>
    public void DeliverLater(JsonObject e, TimeSpan after) => _ = Task.Run(async () =>
    {
        await Task.Delay(after);
        await DeliverAsync(e, CancellationToken.None);
    });

    public void Dispose() => _http.Dispose();
}
