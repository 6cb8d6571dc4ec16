using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Salesforce.Wire;

/// <summary>Composite answers 200 as a whole; each subrequest carries its own status and body.</summary>
internal sealed record SalesforceCompositeResponse(
    [property: JsonPropertyName("compositeResponse")] IReadOnlyList<SalesforceCompositeSubresponse> CompositeResponse);

internal sealed record SalesforceCompositeSubresponse(
    [property: JsonPropertyName("body")] JsonElement Body,
    [property: JsonPropertyName("httpStatusCode")] int HttpStatusCode,
    [property: JsonPropertyName("referenceId")] string ReferenceId);
