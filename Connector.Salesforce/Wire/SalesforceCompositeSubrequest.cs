using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Connector.Salesforce.Wire;

/// <summary>One Composite subrequest; <c>@{referenceId.id}</c> in its URL or body refers to an earlier one.</summary>
internal sealed record SalesforceCompositeSubrequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("referenceId")] string ReferenceId,
    [property: JsonPropertyName("body")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Body);
