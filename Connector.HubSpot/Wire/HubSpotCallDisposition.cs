using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

/// <summary>One call outcome of the account (<c>GET /calling/v1/dispositions</c>): <c>hs_call_disposition</c> takes its id.</summary>
internal sealed record HubSpotCallDisposition(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("label")] string Label);
