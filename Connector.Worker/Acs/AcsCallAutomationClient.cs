using Connector.Worker.Acs.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Acs;

/// <summary>
/// ACS Call Automation (HMAC; REST spec CallAutomation/stable/2025-05-15 in Azure/azure-rest-api-specs):
/// answer and place calls, play and recognize, recording, participants.
/// Results of actions come back later as callbacks carrying the <c>operationContext</c> sent here. Writes that ACS
/// makes repeatable carry Repeatability headers, so a retried one is done once.
/// </summary>
internal sealed class AcsCallAutomationClient(HttpClient http, AcsConnection connection, IOptions<AcsOptions> options, TimeProvider time)
{
    private string ApiVersion => Uri.EscapeDataString(options.Value.ApiVersions.CallAutomation);

    public async Task<CallConnectionPropertiesWire> AnswerAsync(CallAnswerRequest body, CancellationToken ct) =>
        await CallPropertiesAsync("calling/callConnections:answer", body, "answer call", ct);

    public async Task<CallConnectionPropertiesWire> CreateAsync(CallCreateRequest body, CancellationToken ct) =>
        await CallPropertiesAsync("calling/callConnections", body, "create call", ct);

    public Task PlayAsync(string callConnectionId, CallPlayRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, ":play"), body, "play", repeatable: false, ct);

    public Task RecognizeAsync(string callConnectionId, CallRecognizeRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, ":recognize"), body, "recognize", repeatable: false, ct);

    public Task CancelAllMediaOperationsAsync(string callConnectionId, CancellationToken ct) =>
        PostAsync<object?>(Connection(callConnectionId, ":cancelAllMediaOperations"), null, "cancel media operations", repeatable: false, ct);

    public async Task<string?> AddParticipantAsync(string callConnectionId, CallAddParticipantRequest body, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, Connection(callConnectionId, "/participants:add"), body, repeatable: true, ct);
        return (await AcsResponses.ReadAsync<CallAddParticipantResponse>(response, "add participant", ct)).InvitationId;
    }

    public Task RemoveParticipantAsync(string callConnectionId, CallRemoveParticipantRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, "/participants:remove"), body, "remove participant", repeatable: true, ct);

    public Task MuteAsync(string callConnectionId, CallMuteParticipantsRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, "/participants:mute"), body, "mute participant", repeatable: true, ct);

    public Task TransferAsync(string callConnectionId, CallTransferRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, ":transferToParticipant"), body, "transfer call", repeatable: true, ct);

    public Task HoldAsync(string callConnectionId, CallHoldRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, ":hold"), body, "hold", repeatable: false, ct);

    public Task UnholdAsync(string callConnectionId, CallHoldRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, ":unhold"), body with { PlaySourceInfo = null }, "unhold", repeatable: false, ct);

    public Task StartContinuousDtmfAsync(string callConnectionId, CallContinuousDtmfRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, ":startContinuousDtmfRecognition"), body, "start continuous DTMF", repeatable: false, ct);

    public Task StopContinuousDtmfAsync(string callConnectionId, CallContinuousDtmfRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, ":stopContinuousDtmfRecognition"), body, "stop continuous DTMF", repeatable: false, ct);

    public Task StartTranscriptionAsync(string callConnectionId, CallTranscriptionRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, ":startTranscription"), body, "start transcription", repeatable: false, ct);

    public Task StopTranscriptionAsync(string callConnectionId, CallTranscriptionRequest body, CancellationToken ct) =>
        PostAsync(Connection(callConnectionId, ":stopTranscription"), body, "stop transcription", repeatable: false, ct);

    /// <summary>Ends the call for everyone (not only our leg).</summary>
    public Task TerminateAsync(string callConnectionId, CancellationToken ct) =>
        PostAsync<object?>(Connection(callConnectionId, ":terminate"), null, "terminate call", repeatable: true, ct);

    public async Task<CallRecordingStateWire> StartRecordingAsync(CallStartRecordingRequest body, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, "calling/recordings", body, repeatable: true, ct);
        var state = await AcsResponses.ReadAsync<CallRecordingStateWire>(response, "start recording", ct);
        return state.RecordingId is { Length: > 0 } ? state : throw AcsResponses.Malformed(response, "start recording", "no recordingId");
    }

    public Task PauseRecordingAsync(string recordingId, CancellationToken ct) =>
        PostAsync<object?>($"calling/recordings/{Uri.EscapeDataString(recordingId)}:pause", null, "pause recording", repeatable: false, ct);

    public Task ResumeRecordingAsync(string recordingId, CancellationToken ct) =>
        PostAsync<object?>($"calling/recordings/{Uri.EscapeDataString(recordingId)}:resume", null, "resume recording", repeatable: false, ct);

    private static string Connection(string callConnectionId, string action) =>
        $"calling/callConnections/{Uri.EscapeDataString(callConnectionId)}{action}";

    private async Task<CallConnectionPropertiesWire> CallPropertiesAsync<T>(string path, T body, string operation, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, repeatable: true, ct);
        var properties = await AcsResponses.ReadAsync<CallConnectionPropertiesWire>(response, operation, ct);
        return properties.CallConnectionId is { Length: > 0 } ? properties : throw AcsResponses.Malformed(response, operation, "no callConnectionId");
    }

    private async Task PostAsync<T>(string path, T body, string operation, bool repeatable, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, repeatable, ct);
        await AcsResponses.EnsureSuccessAsync(response, operation, ct);
    }

    private async Task<HttpResponseMessage> SendAsync<T>(HttpMethod method, string path, T body, bool repeatable, CancellationToken ct)
    {
        var uri = new Uri(connection.Current.Endpoint, $"{path}?api-version={ApiVersion}");
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : AcsResponses.Json(body) };
        if (repeatable)
        {
            AcsRepeatability.Stamp(request, time);
        }

        return await http.SendAsync(request, ct);
    }
}
