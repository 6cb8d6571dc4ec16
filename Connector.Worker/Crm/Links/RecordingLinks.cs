using System.Globalization;
using Connector.Core.Crm;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Crm.Links;

/// <summary>
/// Issues links to stored recordings on the Worker's public base URL (<see cref="RecordingLinkEndpoints"/> serves
/// them): <c>/links/recordings?file=…&amp;expires=…&amp;sig=…</c>, valid for <c>Crm:RecordingLinks:Lifetime</c>.
/// </summary>
internal sealed class RecordingLinks(RecordingLinkSigner signer, IOptions<RecordingLinkOptions> options, TimeProvider time) : IRecordingLinkIssuer
{
    public const string Path = "/links/recordings";

    public CrmFileLink? LinkFor(CrmAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var settings = options.Value;
        if (!settings.Enabled || attachment.StoredFile is not { Length: > 0 } file || attachment.Kind != CrmAttachmentKind.Recording)
        {
            return null;
        }

        var expiresAt = time.GetUtcNow() + settings.Lifetime;
        var expires = expiresAt.ToUnixTimeSeconds();
        var query = new Dictionary<string, string?>
        {
            ["file"] = file,
            ["expires"] = expires.ToString(CultureInfo.InvariantCulture),
            ["sig"] = signer.Sign(file, expires),
        };
        var url = QueryHelpers.AddQueryString(settings.PublicBaseUrl!.TrimEnd('/') + Path, query);
        return new CrmFileLink(new Uri(url), DateTimeOffset.FromUnixTimeSeconds(expires));
    }
}
