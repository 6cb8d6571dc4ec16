using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connector.Fakes.Crm.HubSpot;

/// <summary>
/// The objects and properties the fake account has, and what HubSpot refuses: unknown properties, values outside
/// an enumeration, missing required properties, unknown owners, outcomes, pipelines and stages, non-numeric
/// durations, malformed emails and timestamps, and the association type ids that are not defined for a pair.
/// </summary>
internal sealed partial class FakeHubSpotSchema(FakeHubSpotOptions options)
{
    public const string Contacts = "contacts";

    private readonly Dictionary<string, HashSet<string>> _properties = new(StringComparer.Ordinal)
    {
        [Contacts] = ["firstname", "lastname", "email", "phone", "mobilephone", "company", "jobtitle", options.CustomerIdProperty],
        ["calls"] = ["hs_timestamp", "hs_call_title", "hs_call_body", "hs_call_direction", "hs_call_duration", "hs_call_from_number", "hs_call_to_number",
            "hs_call_recording_url", "hs_call_status", "hs_call_disposition", "hs_call_source", "hubspot_owner_id", "hs_attachment_ids", options.KeyProperty],
        ["communications"] = ["hs_timestamp", "hs_communication_channel_type", "hs_communication_logged_from", "hs_communication_body", "hubspot_owner_id", "hs_attachment_ids", options.KeyProperty],
        ["notes"] = ["hs_timestamp", "hs_note_body", "hubspot_owner_id", "hs_attachment_ids", options.KeyProperty],
        ["emails"] = ["hs_timestamp", "hs_email_direction", "hs_email_status", "hs_email_subject", "hs_email_text", "hs_email_html", "hs_email_headers",
            "hubspot_owner_id", "hs_attachment_ids", options.KeyProperty],
        ["tickets"] = ["subject", "content", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_priority", "hs_ticket_category", "hubspot_owner_id", options.KeyProperty],
    };

    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["calls"] = ["hs_timestamp"],
        ["communications"] = ["hs_timestamp", "hs_communication_channel_type", "hs_communication_logged_from"],
        ["notes"] = ["hs_timestamp"],
        ["emails"] = ["hs_timestamp", "hs_email_direction"],
        ["tickets"] = ["subject", "hs_pipeline", "hs_pipeline_stage"],
    };

    private static readonly Dictionary<string, string[]> Options = new(StringComparer.Ordinal)
    {
        ["hs_call_direction"] = ["INBOUND", "OUTBOUND"],
        ["hs_call_status"] = ["BUSY", "CALLING_CRM_USER", "CANCELED", "COMPLETED", "CONNECTING", "FAILED", "IN_PROGRESS", "NO_ANSWER", "QUEUED", "RINGING"],
        ["hs_call_source"] = ["INTEGRATIONS_PLATFORM", "CRM_UI", "BROWSER", "API"],
        ["hs_communication_channel_type"] = ["WHATS_APP", "SMS", "LINKEDIN_MESSAGE"],
        ["hs_communication_logged_from"] = ["CRM"],
        ["hs_email_direction"] = ["EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"],
        ["hs_email_status"] = ["BOUNCED", "FAILED", "SCHEDULED", "SENDING", "SENT"],
        ["hs_ticket_priority"] = ["LOW", "MEDIUM", "HIGH"],
    };

    /// <summary>HUBSPOT_DEFINED association types, both directions.</summary>
    private static readonly Dictionary<(string From, string To), int> AssociationTypes = new()
    {
        [("calls", Contacts)] = 194,
        [(Contacts, "calls")] = 193,
        [("notes", Contacts)] = 202,
        [(Contacts, "notes")] = 201,
        [("emails", Contacts)] = 198,
        [(Contacts, "emails")] = 197,
        [("communications", Contacts)] = 81,
        [(Contacts, "communications")] = 82,
        [("tickets", Contacts)] = 16,
        [(Contacts, "tickets")] = 15,
        [("tickets", "calls")] = 219,
        [("calls", "tickets")] = 220,
        [("tickets", "emails")] = 223,
        [("emails", "tickets")] = 224,
        [("tickets", "notes")] = 227,
        [("notes", "tickets")] = 228,
        [("communications", "tickets")] = 83,
        [("tickets", "communications")] = 84,
    };

    public bool Knows(string type) => _properties.ContainsKey(type);

    /// <summary>Properties that hold unique values (an upsert's <c>idProperty</c>); <c>email</c> on contacts.</summary>
    public bool IsUnique(string type, string property) => type == Contacts
        ? property is "email" || property == options.CustomerIdProperty
        : property == options.KeyProperty && Knows(type);

    public static int? AssociationType(string from, string to) => AssociationTypes.TryGetValue((from, to), out var id) ? id : null;

    /// <summary>What is wrong with these property values; <paramref name="creating"/> checks the required ones too.</summary>
    public List<FakeHubSpotInvalidProperty> Check(string type, IReadOnlyDictionary<string, string?> values, bool creating, Func<string, bool> fileExists)
    {
        var problems = new List<FakeHubSpotInvalidProperty>();
        var known = _properties[type];
        foreach (var (name, value) in values)
        {
            if (!known.Contains(name))
            {
                problems.Add(new(name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist"));
                continue;
            }

            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (Options.TryGetValue(name, out var allowed) && !allowed.Contains(value, StringComparer.Ordinal))
            {
                problems.Add(new(name, "INVALID_OPTION", $"{value} was not one of the allowed options: [{string.Join(", ", allowed)}]"));
            }

            var problem = name switch
            {
                "hs_timestamp" when !IsTimestamp(value) => $"{value} is not a valid date-time (epoch milliseconds or ISO 8601)",
                "hs_call_duration" when !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) => $"{value} is not a valid number",
                "hubspot_owner_id" when value != options.OwnerId => $"{value} is not a valid owner id",
                "hs_call_disposition" when !options.CallOutcomes.Values.Contains(value, StringComparer.Ordinal) => $"{value} was not one of the account's call outcomes",
                "email" when !EmailPattern().IsMatch(value) => $"Email address {value} is invalid",
                "hs_pipeline" when type == "tickets" && !options.TicketPipelines.ContainsKey(value) => $"{value} is not a valid pipeline",
                "hs_email_headers" when !IsJson(value) => "hs_email_headers must be a JSON string",
                "hs_call_recording_url" when !Uri.TryCreate(value, UriKind.Absolute, out _) => $"{value} is not a URL",
                "hs_attachment_ids" when value.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(id => !fileExists(id.Trim())) is { } missing => $"file {missing} does not exist",
                _ => null,
            };
            if (problem is not null)
            {
                problems.Add(new(name, name == "email" ? "INVALID_EMAIL" : "INVALID_VALUE", problem));
            }
        }

        if (type == "tickets" && values.TryGetValue("hs_pipeline_stage", out var stage) && stage is not null)
        {
            var pipeline = values.TryGetValue("hs_pipeline", out var p) ? p : null;
            if (pipeline is null || !options.TicketPipelines.TryGetValue(pipeline, out var stages) || !stages.ContainsKey(stage))
            {
                problems.Add(new("hs_pipeline_stage", "INVALID_OPTION", $"{stage} is not a valid pipeline stage of pipeline {pipeline}"));
            }
        }

        if (creating && Required.TryGetValue(type, out var required))
        {
            foreach (var name in required.Where(r => !values.TryGetValue(r, out var v) || string.IsNullOrEmpty(v)))
            {
                problems.Add(new(name, "REQUIRED_FIELD", $"{name} is required"));
            }
        }

        return problems;
    }

    private static bool IsTimestamp(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)
        || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static bool IsJson(string value)
    {
        try
        {
            using var _ = JsonDocument.Parse(value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();
}
