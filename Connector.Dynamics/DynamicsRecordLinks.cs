using Connector.Core.Crm;
using Microsoft.Extensions.Options;

namespace Connector.Dynamics;

/// <summary>A record's form in the Unified Interface: <c>main.aspx?pagetype=entityrecord&amp;etn={table}&amp;id={id}</c>.</summary>
public sealed class DynamicsRecordLinks(IOptions<DynamicsOptions> options) : ICrmRecordLinks
{
    public Task<Uri?> UrlOfAsync(CrmRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Guid.TryParse(record.RecordId, out var id) || options.Value.OrganizationUrl is not { } organization)
        {
            return Task.FromResult<Uri?>(null);
        }

        return Task.FromResult<Uri?>(new Uri(new Uri(organization.GetLeftPart(UriPartial.Authority) + "/"),
            $"main.aspx?pagetype=entityrecord&etn={Uri.EscapeDataString(record.RecordType)}&id={id:D}"));
    }
}
