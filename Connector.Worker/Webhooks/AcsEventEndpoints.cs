using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Storage;
using Connector.Worker.Acs;
using Connector.Worker.Limits;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Webhooks;

/// <summary>
/// <c>POST|OPTIONS /webhooks/acs/events?key=…</c>: Event Grid deliveries from ACS, in the Event Grid or the
/// CloudEvents schema. The whole delivery is checked before anything is kept; then each event is kept raw and
/// goes through intake; duplicates are acknowledged and dropped. No CRM or ACS call happens here.
/// </summary>
public static class AcsEventEndpoints
{
    /// <summary>Needs <see cref="AcsServiceCollectionExtensions.AddAcsClients"/> for the bound <see cref="AcsOptions"/>.</summary>
    public static IServiceCollection AddAcsWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<RawEventStore>();
        services.AddSingleton(sp =>
        {
            var service = sp.GetRequiredService<Chat.ChatServiceIdentity>();
            return new AcsEventMapper(sp.GetRequiredService<IOptions<AcsOptions>>().Value.Chat.ServiceUserId, () => service.UserId);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapAcsWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/webhooks/acs/events", ["OPTIONS"], Handshake).ExcludeFromDescription();
        // Event Grid delivers at most 1 MB per event and per batch; Acs:WebhookMaxBodyBytes says how much is taken.
        app.MapPost("/webhooks/acs/events", ReceiveAsync).ExcludeFromDescription()
            .WithBodyLimit(app.ServiceProvider.GetRequiredService<IOptions<AcsOptions>>().Value.WebhookMaxBodyBytes);
        return app;
    }

    /// <summary>The CloudEvents abuse-protection handshake: allow the origin that asks.</summary>
    private static IResult Handshake(HttpContext http, IOptions<AcsOptions> options)
    {
        if (Refusal(http, options.Value) is { } refused)
        {
            return refused;
        }

        var origin = http.Request.Headers["WebHook-Request-Origin"].ToString();
        http.Response.Headers["WebHook-Allowed-Origin"] = origin.Length > 0 ? origin : "*";
        http.Response.Headers["WebHook-Allowed-Rate"] = "*";
        http.Response.Headers.Allow = "POST, OPTIONS";
        return TypedResults.Ok();
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, IOptions<AcsOptions> options, AcsEventMapper mapper, IdentityNormalizer normalizer, RawEventStore raw,
        InboundEventIntake intake, IConnectorStore store, Chat.ChatServiceIdentity chatIdentity, TimeProvider time, ILoggerFactory loggers,
        Telemetry.ConnectorMetrics metrics, CancellationToken ct)
    {
        if (Refusal(http, options.Value) is { } refused)
        {
            metrics.WebhookEvents("refused", 1);
            return refused;
        }

        var log = loggers.CreateLogger("Connector.Worker.Webhooks");
        await chatIdentity.LoadAsync(ct);
        List<MappedEvent> mapped;
        try
        {
            var body = await ReadBodyAsync(http.Request, options.Value.WebhookMaxBodyBytes, ct);
            mapped = EventGridDeliveryReader.Read(body).Select(mapper.Map).ToList();
            foreach (var item in mapped.OfType<MappedEvent.Intake>())
            {
                CheckIdentities(item, normalizer);
            }
        }
        catch (WebhookRejectedException ex)
        {
            log.LogWarning("ACS delivery refused: {Title}: {Detail}", ex.Title, ex.Message);
            metrics.WebhookEvents("refused", 1);
            return ex.ToProblem();
        }

        if (mapped.OfType<MappedEvent.Validation>().FirstOrDefault() is { } validation)
        {
            log.LogInformation("Event Grid subscription validation answered (event {EventId})", validation.Event.Id);
            return TypedResults.Ok(new { validationResponse = validation.Code });
        }

        int accepted = 0, duplicates = 0, ignored = 0;
        var now = time.GetUtcNow();
        foreach (var item in mapped)
        {
            if (item is MappedEvent.Ignored skip)
            {
                ignored++;
                log.LogInformation("ACS event {EventId} acknowledged and ignored: {Reason}", skip.Event.Id, skip.Reason);
                continue;
            }

            if (item is MappedEvent.DeliveryStatus delivery)
            {
                await raw.KeepAsync(delivery.Event, "acs", now, ct);
                if (await store.UpdateDeliveryStatusAsync(delivery.MessageId, delivery.Status, ct))
                {
                    accepted++;
                }
                else
                {
                    ignored++;
                    log.LogInformation("Delivery status {Status} for unknown message {MessageId} (event {EventId})", delivery.Status, delivery.MessageId, delivery.Event.Id);
                }

                continue;
            }

            if (item is MappedEvent.Call call)
            {
                // A redelivered IncomingCall must not be answered twice.
                if (await raw.KeepAsync(call.Event, "acs", now, ct))
                {
                    await http.RequestServices.GetRequiredService<Voice.VoiceEventReceiver>().AcceptAsync(call.Event, ct);
                    accepted++;
                }
                else
                {
                    duplicates++;
                }

                continue;
            }

            // The raw record and the state it produces commit together, in intake's one transaction.
            var message = (MappedEvent.Intake)item;
            using var span = Telemetry.ConnectorTracing.Source.StartActivity("intake");
            var result = await intake.AcceptAsync(message.Inbound, raw.Redacted(message.Event, "acs"), ct);
            span?.SetTag("connector.intake.duplicate", result.Duplicate);
            if (result.Duplicate)
            {
                duplicates++;
            }
            else
            {
                accepted++;
            }
        }

        metrics.WebhookEvents("accepted", accepted);
        metrics.WebhookEvents("duplicate", duplicates);
        metrics.WebhookEvents("ignored", ignored);
        return TypedResults.Ok(new { accepted, duplicates, ignored });
    }

    private static void CheckIdentities(MappedEvent.Intake item, IdentityNormalizer normalizer)
    {
        try
        {
            foreach (var identity in item.Inbound.Identities)
            {
                normalizer.Normalize(identity.Kind, identity.Value);
            }
        }
        catch (InvalidIdentityException ex)
        {
            throw new WebhookRejectedException(400, "Event with an invalid sender", $"Event {item.Event.Id} ({item.Event.Type}): {ex.Message}",
                item.Inbound.Channel == Core.Channels.Channel.Chat ? "data.senderCommunicationIdentifier.rawId" : "data.from");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            throw new WebhookRejectedException(413, "Delivery too large", $"The body is {request.ContentLength} bytes; the limit is {limit}.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new WebhookRejectedException(413, "Delivery too large", $"The body is over the limit of {limit} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Refusal(HttpContext http, AcsOptions options) =>
        WebhookKeys.Refusal(options, http.Request.Query["key"].ToString(), "delivery");
}
