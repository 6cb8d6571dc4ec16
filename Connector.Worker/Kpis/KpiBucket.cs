using System.Text.Json.Serialization;

namespace Connector.Worker.Kpis;

/// <summary>The width of the chart's buckets, UTC-aligned.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KpiBucket>))]
internal enum KpiBucket
{
    [JsonStringEnumMemberName("hour")] Hour,
    [JsonStringEnumMemberName("day")] Day,
}
