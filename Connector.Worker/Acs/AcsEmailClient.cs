using System.Net;
using Connector.Worker.Acs.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Acs;

/// <summary>
/// ACS Email (HMAC; REST spec Email/stable/2023-03-31 in Azure/azure-rest-api-specs): queue a send, then
/// poll its operation until it ends.
/// </summary>
public sealed class AcsEmailClient(HttpClient http, AcsConnection connection, IOptions<AcsOptions> options, TimeProvider time)
{
    private string ApiVersion => Uri.EscapeDataString(options.Value.ApiVersions.Email);

    /// <summary>
    /// Queues the message (202). <paramref name="operationId"/> is sent as <c>Operation-Id</c>: a job that retries a
    /// send should pass the same id every time. The send itself is not retried here (ACS documents no repeatability
    /// for it).
    /// </summary>
    public async Task<AcsEmailOperation> SendAsync(AcsEmailMessage message, Guid? operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        const string operation = "send email";
        var id = (operationId ?? Guid.NewGuid()).ToString();
        var uri = new Uri(connection.Current.Endpoint, $"./emails:send?api-version={ApiVersion}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = AcsResponses.Json(ToWire(message)) };
        request.Headers.TryAddWithoutValidation("Operation-Id", id);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await AcsResponses.ReadAsync<EmailOperationWire>(response, operation, cancellationToken);
        // The body names the operation; Operation-Location ends in it too; failing both, it is the Operation-Id sent.
        var returnedId = body.Id
            ?? (response.Headers.TryGetValues("Operation-Location", out var locations) && Uri.TryCreate(locations.First(), UriKind.Absolute, out var location)
                ? location.Segments[^1]
                : null)
            ?? id;
        return new AcsEmailOperation(returnedId, body.Status ?? "Running", body.Error?.Code, body.Error?.Message, AcsRequestFailedException.RetryAfterOf(response));
    }

    public async Task<AcsEmailOperation> GetOperationAsync(string operationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        const string operation = "get email operation";
        var uri = new Uri(connection.Current.Endpoint, $"emails/operations/{Uri.EscapeDataString(operationId)}?api-version={ApiVersion}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await AcsResponses.ReadAsync<EmailOperationWire>(response, operation, cancellationToken);
        return body.Status is { Length: > 0 } status
            ? new AcsEmailOperation(body.Id ?? operationId, status, body.Error?.Code, body.Error?.Message, AcsRequestFailedException.RetryAfterOf(response))
            : throw AcsResponses.Malformed(response, operation, "no status");
    }

    /// <summary>
    /// Polls until the operation ends, waiting as long as ACS's <c>retry-after</c> asks. Returns the Succeeded
    /// operation; Failed or Canceled throws <see cref="AcsRequestFailedException"/> with ACS's error code.
    /// </summary>
    public async Task<AcsEmailOperation> WaitForCompletionAsync(string operationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await GetOperationAsync(operationId, cancellationToken);
            if (current.IsSucceeded)
            {
                return current;
            }

            if (current.IsTerminal)
            {
                throw new AcsRequestFailedException(
                    HttpStatusCode.OK,
                    current.ErrorCode ?? current.Status,
                    $"ACS email operation {current.Id} ended {current.Status}" + (current.ErrorMessage is { Length: > 0 } m ? $": {m}" : "."));
            }

            var wait = current.RetryAfter ?? options.Value.Email.DefaultPollInterval;
            await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, time, cancellationToken);
        }
    }

    private EmailSendRequest ToWire(AcsEmailMessage message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Subject);
        if (message.To.Count == 0)
        {
            throw new ArgumentException("An email needs at least one To recipient.", nameof(message));
        }

        var sender = message.SenderAddress ?? options.Value.Email.SenderAddress
            ?? throw new InvalidOperationException("Acs:Email:SenderAddress is not configured: set it to the MailFrom address of a verified domain.");
        var headers = new Dictionary<string, string>(message.Headers, StringComparer.OrdinalIgnoreCase);
        if (message.InReplyTo is { Length: > 0 } inReplyTo)
        {
            headers["In-Reply-To"] = inReplyTo;
        }

        if (message.References is { Length: > 0 } references)
        {
            headers["References"] = references;
        }

        return new EmailSendRequest(
            sender,
            new EmailContentWire(message.Subject, message.PlainText, message.Html),
            new EmailRecipientsWire(Addresses(message.To)!, Addresses(message.Cc), Addresses(message.Bcc)),
            Addresses(message.ReplyTo),
            headers.Count == 0 ? null : headers,
            message.Attachments.Count == 0
                ? null
                : message.Attachments.Select(a => new EmailAttachmentWire(a.Name, a.ContentType, Convert.ToBase64String(a.Content.Span))).ToList(),
            message.UserEngagementTrackingDisabled ? true : null);
    }

    private static List<EmailAddressWire>? Addresses(IReadOnlyList<AcsEmailAddress> addresses) =>
        addresses.Count == 0 ? null : addresses.Select(a => new EmailAddressWire(a.Address, a.DisplayName)).ToList();
}
