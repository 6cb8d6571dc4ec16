using System.Text.Json.Serialization;

namespace Connector.Salesforce.Wire;

/// <summary>POST /composite: up to 25 subrequests counted as one API call; collation off so the order holds.</summary>
internal sealed record SalesforceCompositeRequest(
    [property: JsonPropertyName("allOrNone")] bool AllOrNone,
    [property: JsonPropertyName("collateSubrequests")] bool CollateSubrequests,
    [property: JsonPropertyName("compositeRequest")] IReadOnlyList<SalesforceCompositeSubrequest> CompositeRequest)
{
    public const int MaxSubrequests = 25;
}
