namespace Connector.Worker.Acs;

/// <summary>What a media download wrote: its content type and length in bytes.</summary>
public sealed record AcsMediaDownload(string? ContentType, long Length);
