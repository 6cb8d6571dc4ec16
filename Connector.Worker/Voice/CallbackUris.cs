using Connector.Worker.Acs;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Voice;

/// <summary>
/// The URLs ACS calls back on, built from <c>Acs:CallbackBaseUrl</c>: <c>/webhooks/acs/calls?key=…&amp;call={our id}</c>,
/// so every callback names our call even before we learn its call connection id, and the transcription socket.
/// </summary>
internal sealed class CallbackUris(IOptions<AcsOptions> options)
{
    public const string CallsPath = "/webhooks/acs/calls";
    public const string TranscriptionPath = "/webhooks/acs/transcription";

    public string ForCall(string callId) => $"{Base()}{CallsPath}?key={Key()}&call={Uri.EscapeDataString(callId)}";

    /// <summary>The WebSocket (ws/wss) that real-time transcription streams to.</summary>
    public string TranscriptionFor(string callId)
    {
        var url = new UriBuilder($"{Base()}{TranscriptionPath}?key={Key()}&call={Uri.EscapeDataString(callId)}");
        url.Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return url.Uri.ToString();
    }

    private string Base() => options.Value.CallbackBaseUrl is { Length: > 0 } url
        ? url.TrimEnd('/')
        : throw new InvalidOperationException("Acs:CallbackBaseUrl is not configured: set it to the public base URL of this Worker so that ACS can call back.");

    private string Key() => options.Value.WebhookKey is { Length: > 0 } key
        ? Uri.EscapeDataString(key)
        : throw new InvalidOperationException("Acs:WebhookKey is not configured: callbacks would be refused.");
}
