using Connector.Worker.Acs.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Acs;

/// <summary>
/// ACS Advanced Messaging for WhatsApp (HMAC; REST spec Messages/stable/2024-08-30 in Azure/azure-rest-api-specs):
/// text and template sends, inbound media downloads.
/// </summary>
public sealed class AcsMessagesClient(HttpClient http, AcsConnection connection, IOptions<AcsOptions> options, TimeProvider time)
{
    private string ApiVersion => Uri.EscapeDataString(options.Value.ApiVersions.Messages);

    /// <summary>Sends free text; WhatsApp allows it only within 24 hours of the customer's last message.</summary>
    /// <param name="to">The customer's number, E.164 (<c>+14250000000</c>) or digits.</param>
    public Task<AcsMessageReceipt> SendTextAsync(string to, string text, CancellationToken cancellationToken) =>
        SendTextAsync(to, text, null, cancellationToken);

    /// <param name="repeat">The work's own repeatability (an agent's reply sent again after a crash); null: a fresh one for this call.</param>
    public Task<AcsMessageReceipt> SendTextAsync(string to, string text, AcsRepeatableRequest? repeat, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return SendAsync(new TextNotificationRequest(ChannelRegistrationId(), [Digits(to)], text), repeat, cancellationToken);
    }

    /// <summary>Sends an approved template, the only kind WhatsApp allows outside the 24-hour window.</summary>
    public Task<AcsMessageReceipt> SendTemplateAsync(string to, AcsWhatsAppTemplate template, CancellationToken cancellationToken) =>
        SendTemplateAsync(to, template, null, cancellationToken);

    /// <inheritdoc cref="SendTemplateAsync(string, AcsWhatsAppTemplate, CancellationToken)"/>
    /// <param name="repeat">The work's own repeatability (an agent's reply sent again after a crash); null: a fresh one for this call.</param>
    public Task<AcsMessageReceipt> SendTemplateAsync(string to, AcsWhatsAppTemplate template, AcsRepeatableRequest? repeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentException.ThrowIfNullOrWhiteSpace(template.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(template.Language);
        var values = template.BodyParameters.Select((text, i) => new MessageTemplateValueWire($"p{i + 1}", "text", text)).ToList();
        var bindings = values.Count == 0
            ? null
            : new MessageTemplateBindingsWire("whatsApp", values.Select(v => new MessageTemplateBindingWire(v.Name)).ToList());
        var wire = new MessageTemplateWire(template.Name, template.Language, values, bindings);
        return SendAsync(new TemplateNotificationRequest(ChannelRegistrationId(), [Digits(to)], wire), repeat, cancellationToken);
    }

    /// <summary>
    /// Streams an inbound message's media (<c>data.media.id</c> of AdvancedMessageReceived) into
    /// <paramref name="destination"/>, stopping at <paramref name="maxBytes"/>. The location is the resource's own
    /// endpoint, built here: nothing an event says chooses the host.
    /// </summary>
    /// <exception cref="AcsDownloadRefusedException">The media is larger than <paramref name="maxBytes"/>.</exception>
    public async Task<AcsMediaDownload> DownloadMediaAsync(string mediaId, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaId);
        ArgumentNullException.ThrowIfNull(destination);
        var uri = new Uri(connection.Current.Endpoint, $"messages/streams/{Uri.EscapeDataString(mediaId)}?api-version={ApiVersion}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await AcsResponses.EnsureSuccessAsync(response, "download media", cancellationToken);
        var length = await AcsFileCopy.CopyAsync(response, destination, maxBytes, $"media {mediaId}", cancellationToken);
        return new AcsMediaDownload(response.Content.Headers.ContentType?.MediaType, length);
    }

    private async Task<AcsMessageReceipt> SendAsync<T>(T body, AcsRepeatableRequest? repeat, CancellationToken cancellationToken)
    {
        const string operation = "send WhatsApp message";
        var uri = new Uri(connection.Current.Endpoint, $"messages/notifications:send?api-version={ApiVersion}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = AcsResponses.Json(body) };
        // Repeatable: the service sends a message with a given request id once, so a throttled send is retried safely.
        AcsRepeatability.Stamp(request, repeat ?? new AcsRepeatableRequest(Guid.NewGuid(), time.GetUtcNow()));
        using var response = await http.SendAsync(request, cancellationToken);
        var result = await AcsResponses.ReadAsync<SendMessageResultWire>(response, operation, cancellationToken);
        return result.Receipts is [{ MessageId: { Length: > 0 } messageId } receipt, ..]
            ? new AcsMessageReceipt(messageId, receipt.To ?? "")
            : throw AcsResponses.Malformed(response, operation, "no receipt");
    }

    private string ChannelRegistrationId()
    {
        _ = connection.Current; // the clearer error first when ACS is not configured at all
        return options.Value.WhatsApp.ChannelRegistrationId is { Length: > 0 } id
            ? id
            : throw new InvalidOperationException("Acs:WhatsApp:ChannelRegistrationId is not configured: set it to the channel registration id of the WhatsApp number.");
    }

    /// <summary>ACS's examples address WhatsApp numbers as E.164 digits without '+'; that '+' is accepted is unconfirmed.</summary>
    private static string Digits(string to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        var digits = to.Trim().TrimStart('+');
        return digits.All(char.IsAsciiDigit) && digits.Length > 0
            ? digits
            : throw new ArgumentException("A WhatsApp recipient is a phone number in E.164 form, e.g. +14250000000.", nameof(to));
    }
}
