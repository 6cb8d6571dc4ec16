using System.Collections.Concurrent;

namespace Connector.Worker.Hosting.Reachability;

/// <summary>
/// How the last call to each outside service went (ACS, the CRM, the AI service), as the Worker's own HTTP clients saw
/// it. Readiness reads it instead of probing: a probe every few seconds would add calls the CRM counts against its
/// limits, while the calls the Worker makes anyway say whether the service answers.
/// </summary>
public sealed class OutsideCalls
{
    public const string Acs = "acs";
    public const string Crm = "crm";
    public const string Ai = "ai";

    // The adapters' API and token clients are named after their CRM (typed clients by their type).
    private static readonly string[] CrmClients = ["Salesforce", "Dynamics", "HubSpot", "Zendesk"];

    private readonly ConcurrentDictionary<string, OutsideCall> _last = new(StringComparer.Ordinal);

    /// <summary>The outside service an HTTP client of this name calls; null for any other client (not watched).</summary>
    public static string? ServiceOf(string clientName) => clientName switch
    {
        _ when clientName.StartsWith("Acs", StringComparison.Ordinal) => Acs,
        _ when clientName == Connector.Ai.Chat.AiChatClientFactory.HttpClientName => Ai,
        _ when CrmClients.Any(crm => clientName.Contains(crm, StringComparison.Ordinal)) => Crm,
        _ => null,
    };

    public void Record(string service, OutsideCall call) => _last[service] = call;

    public OutsideCall? Last(string service) => _last.TryGetValue(service, out var call) ? call : null;
}

/// <summary>One call's outcome: when, whether the service answered as a working service does, and what it said.</summary>
public sealed record OutsideCall(DateTimeOffset At, bool Answered, string Detail);
