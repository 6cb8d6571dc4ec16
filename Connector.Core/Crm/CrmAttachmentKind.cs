using System.Text.Json.Serialization;

namespace Connector.Core.Crm;

/// <summary>What a file attached to a CRM activity is; the wire names travel in <see cref="Outbox.CrmAttachPayload.Kind"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CrmAttachmentKind>))]
public enum CrmAttachmentKind
{
    [JsonStringEnumMemberName("transcript")] Transcript,
    [JsonStringEnumMemberName("recording")] Recording,
    [JsonStringEnumMemberName("note")] Note,
    [JsonStringEnumMemberName("file")] File,
}
