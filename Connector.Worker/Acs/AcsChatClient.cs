using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Connector.Worker.Acs.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Acs;

/// <summary>
/// ACS Chat (REST spec Chat/stable/2025-03-15 in Azure/azure-rest-api-specs).
/// Chat does not accept HMAC: every call acts as an ACS user and carries that user's access
/// token as <c>Authorization: Bearer</c>, so the token is an argument of each call rather than a property of the client.
/// </summary>
public sealed class AcsChatClient(HttpClient http, AcsConnection connection, IOptions<AcsOptions> options, TimeProvider time)
{
    private string ApiVersion => Uri.EscapeDataString(options.Value.ApiVersions.Chat);

    /// <summary>Creates a thread as the token's user, who becomes a participant. Repeatable, so it is retried safely.</summary>
    public async Task<AcsChatThread> CreateThreadAsync(
        string userToken, string topic, IReadOnlyList<AcsChatParticipant> participants, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(participants);
        const string operation = "create chat thread";
        using var request = Request(HttpMethod.Post, "chat/threads", userToken);
        request.Content = AcsResponses.Json(new CreateChatThreadRequest(topic, participants.Select(ToWire).ToList()));
        AcsRepeatability.Stamp(request, time);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await AcsResponses.ReadAsync<CreateChatThreadResponse>(response, operation, cancellationToken);
        if (body.ChatThread is not { Id: { Length: > 0 } id } thread)
        {
            throw AcsResponses.Malformed(response, operation, "no chatThread.id");
        }

        return new AcsChatThread(id, thread.Topic ?? topic, thread.CreatedOn ?? time.GetUtcNow(), Errors(body.InvalidParticipants));
    }

    /// <summary>Adds participants; returns those ACS refused. Not retried (a plain POST).</summary>
    public async Task<IReadOnlyList<AcsChatParticipantError>> AddParticipantsAsync(
        string userToken, string threadId, IReadOnlyList<AcsChatParticipant> participants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participants);
        using var request = Request(HttpMethod.Post, $"{ThreadPath(threadId)}/participants/:add", userToken);
        request.Content = AcsResponses.Json(new AddChatParticipantsRequest(participants.Select(ToWire).ToList()));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await AcsResponses.ReadAsync<AddChatParticipantsResponse>(response, "add chat participants", cancellationToken);
        return Errors(body.InvalidParticipants);
    }

    /// <summary>Sends a text message; returns its id. Not retried: ACS has no repeatability for it and a retry could post twice.</summary>
    public Task<string> SendMessageAsync(
        string userToken, string threadId, string content, string? senderDisplayName, CancellationToken cancellationToken) =>
        SendMessageAsync(userToken, threadId, content, senderDisplayName, null, cancellationToken);

    /// <summary>
    /// Sends a text message with <paramref name="metadata"/> on it (listed back with the message, which is how a sender
    /// finds out whether an earlier send of the same work arrived: Chat has no repeatability for sends).
    /// </summary>
    public async Task<string> SendMessageAsync(
        string userToken, string threadId, string content, string? senderDisplayName, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(content);
        const string operation = "send chat message";
        using var request = Request(HttpMethod.Post, $"{ThreadPath(threadId)}/messages", userToken);
        request.Content = AcsResponses.Json(new SendChatMessageRequest(content, senderDisplayName, "text", metadata is { Count: > 0 } ? metadata : null));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await AcsResponses.ReadAsync<SendChatMessageResponse>(response, operation, cancellationToken);
        return body.Id is { Length: > 0 } id ? id : throw AcsResponses.Malformed(response, operation, "no message id");
    }

    /// <summary>The thread's participants (every page), as the token's user sees them; that user must be one of them.</summary>
    public async Task<IReadOnlyList<AcsChatParticipant>> ListParticipantsAsync(string userToken, string threadId, CancellationToken cancellationToken)
    {
        const string operation = "list chat participants";
        var participants = new List<AcsChatParticipant>();
        var next = Resolve($"{ThreadPath(threadId)}/participants");
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = Bearer(userToken);
            using var response = await http.SendAsync(request, cancellationToken);
            var page = await AcsResponses.ReadAsync<AcsChatParticipantsPage>(response, operation, cancellationToken);
            participants.AddRange((page.Value ?? [])
                .Where(p => p.CommunicationIdentifier?.UserId is { Length: > 0 })
                .Select(p => new AcsChatParticipant(p.CommunicationIdentifier.UserId!, p.DisplayName)));
            next = NextPage(page.NextLink, operation);
        }

        return participants;
    }

    /// <summary>Lists the thread's messages (newest first, as ACS orders them), following every page.</summary>
    public async Task<IReadOnlyList<AcsChatMessage>> ListMessagesAsync(
        string userToken, string threadId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        const string operation = "list chat messages";
        var path = $"{ThreadPath(threadId)}/messages";
        if (since is { } start)
        {
            path += "?startTime=" + Uri.EscapeDataString(start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        }

        var messages = new List<AcsChatMessage>();
        var next = Resolve(path);
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = Bearer(userToken);
            using var response = await http.SendAsync(request, cancellationToken);
            var page = await AcsResponses.ReadAsync<ChatMessagesPage>(response, operation, cancellationToken);
            foreach (var message in page.Value ?? [])
            {
                if (message is { Id: { Length: > 0 } id, CreatedOn: { } createdOn })
                {
                    messages.Add(new AcsChatMessage(
                        id, message.Type ?? "text", message.SequenceId, message.Content?.Message,
                        message.SenderCommunicationIdentifier?.UserId, message.SenderDisplayName, createdOn, message.Metadata));
                }
            }

            next = NextPage(page.NextLink, operation);
        }

        return messages;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string userToken)
    {
        var request = new HttpRequestMessage(method, Resolve(path));
        request.Headers.Authorization = Bearer(userToken);
        return request;
    }

    private Uri Resolve(string path) =>
        new(connection.Current.Endpoint, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "api-version=" + ApiVersion);

    /// <summary>Follows a nextLink only on the resource's own host: the user's token must not travel anywhere else.</summary>
    private Uri? NextPage(string? nextLink, string operation)
    {
        if (string.IsNullOrEmpty(nextLink))
        {
            return null;
        }

        var endpoint = connection.Current.Endpoint;
        var uri = new Uri(endpoint, nextLink);
        if (!string.Equals(uri.Authority, endpoint.Authority, StringComparison.OrdinalIgnoreCase) || uri.Scheme != endpoint.Scheme)
        {
            throw new AcsRequestFailedException(HttpStatusCode.OK, "MalformedResponse", $"ACS {operation} answered a nextLink on another host; it was not followed.");
        }

        return uri;
    }

    private static AuthenticationHeaderValue Bearer(string userToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userToken);
        return new AuthenticationHeaderValue("Bearer", userToken);
    }

    private static string ThreadPath(string threadId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(threadId);
        return "chat/threads/" + Uri.EscapeDataString(threadId); // ids look like 19:…@thread.v2
    }

    private static ChatParticipantWire ToWire(AcsChatParticipant participant) =>
        new(CommunicationIdentifierWire.ForUser(participant.UserId), participant.DisplayName, null);

    private static List<AcsChatParticipantError> Errors(IReadOnlyList<ChatErrorWire>? errors) =>
        (errors ?? []).Select(e => new AcsChatParticipantError(e.Target, e.Code, e.Message)).ToList();
}
