using Connector.Core.Compliance;
using Connector.Core.Crm;

namespace Connector.HubSpot.Mapping;

/// <summary>A case as a ticket in the configured pipeline: open stage, or the closed stage when its status says Closed.</summary>
internal static class HubSpotTicketMapper
{
    public static Dictionary<string, string?> ToProperties(CrmCase crmCase, HubSpotOptions options, SensitiveDataRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(crmCase);
        var closed = string.Equals(crmCase.Status?.Trim(), "Closed", StringComparison.OrdinalIgnoreCase);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [options.KeyProperty] = crmCase.IdempotencyKey,
            ["subject"] = HubSpotText.Plain(redactor, crmCase.Subject),
            ["content"] = HubSpotText.Plain(redactor, crmCase.Description),
            ["hs_pipeline"] = options.TicketPipeline,
            ["hs_pipeline_stage"] = closed ? options.TicketClosedStage : options.TicketOpenStage,
        };
    }
}
