namespace Connector.Worker.Acs;

/// <summary>The header values of one HMAC-signed ACS request.</summary>
/// <param name="Date">RFC 1123 date, sent as both <c>x-ms-date</c> and <c>Date</c>.</param>
/// <param name="ContentHash">Base64 SHA-256 of the body, sent as <c>x-ms-content-sha256</c>.</param>
/// <param name="Authorization">The whole <c>Authorization</c> header value (<c>HMAC-SHA256 SignedHeaders=…&amp;Signature=…</c>).</param>
public sealed record AcsRequestSignature(string Date, string ContentHash, string Authorization);
