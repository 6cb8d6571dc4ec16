namespace Connector.Worker.Acs.Wire;

/// <summary>
/// <c>POST /calling/callConnections/{id}:play</c> (PlayRequest,
/// REST spec CallAutomation/stable/2025-05-15 in Azure/azure-rest-api-specs).
/// </summary>
internal sealed record CallPlayRequest(
    IReadOnlyList<CallPlaySourceWire> PlaySources,
    IReadOnlyList<CallIdentifierWire>? PlayTo,
    CallPlayOptionsWire? PlayOptions,
    bool? InterruptCallMediaOperation,
    string? OperationContext);

/// <summary>A file (<c>kind: file</c>) or text to speak (<c>kind: text</c>).</summary>
internal sealed record CallPlaySourceWire(string Kind, CallFileSourceWire? File, CallTextSourceWire? Text)
{
    /// <summary>An http(s) URL is an audio file; anything else is text to speak.</summary>
    public static CallPlaySourceWire From(string prompt, string? locale) =>
        Uri.TryCreate(prompt, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? new CallPlaySourceWire("file", new CallFileSourceWire(prompt), null)
            : new CallPlaySourceWire("text", null, new CallTextSourceWire(prompt, locale, "female"));
}

internal sealed record CallFileSourceWire(string Uri);

internal sealed record CallTextSourceWire(string Text, string? SourceLocale, string? VoiceKind);

internal sealed record CallPlayOptionsWire(bool Loop);
