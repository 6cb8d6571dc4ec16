namespace Connector.Worker.Email;

/// <summary>Where one mail was kept: the original MIME and its attachments, as files.</summary>
internal sealed record ArchivedMail(string EmlPath, IReadOnlyList<string> AttachmentPaths);
