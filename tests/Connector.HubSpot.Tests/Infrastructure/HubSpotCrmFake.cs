using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Connector.Crm.Contract;
using Connector.Fakes.Crm.HubSpot;

namespace Connector.HubSpot.Tests.Infrastructure;

/// <summary>
/// The fake HubSpot seen through the contract's CRM-neutral eyes: calls, WhatsApp communications, notes (web chat)
/// and emails are activities, with their contact and ticket from the associations; File Manager files belong to the
/// activity whose <c>hs_attachment_ids</c> lists them; tickets are cases, their status the stage's label.
/// </summary>
public sealed partial class HubSpotCrmFake(FakeHubSpotServer fake) : ICrmFake
{
    private static readonly string[] ActivityTypes = ["calls", "communications", "notes", "emails"];

    private string Key => fake.Options.KeyProperty;

    public string AgentUserId => fake.Options.OwnerId;

    public int ApiRequests => fake.ApiRequestCount;

    public int TokenRequests => fake.TokenRequestCount;

    public string SeedContact(string firstName, string lastName, string? phone, string? email) =>
        fake.Seed("contacts", new Dictionary<string, string?> { ["firstname"] = firstName, ["lastname"] = lastName, ["phone"] = phone, ["email"] = email });

    public IReadOnlyList<CrmFakeContact> Contacts() =>
        fake.Records("contacts").Select(c => new CrmFakeContact(c.Id, $"{c["firstname"]} {c["lastname"]}".Trim(), c["phone"], c["email"])).ToList();

    public IReadOnlyList<CrmFakeActivity> Activities() => ActivityTypes.SelectMany(type => fake.Records(type).Select(r => Activity(type, r))).ToList();

    public IReadOnlyList<CrmFakeFile> Files()
    {
        var parents = ActivityTypes.SelectMany(type => fake.Records(type))
            .SelectMany(r => (r["hs_attachment_ids"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(id => (FileId: id, r.Id)))
            .ToLookup(p => p.FileId, p => p.Id);
        return fake.Files.Select(f => new CrmFakeFile(f.Id, null, parents[f.Id].FirstOrDefault() ?? "", f.FileName, f.Content)).ToList();
    }

    public IReadOnlyList<CrmFakeCase> Cases() =>
        fake.Records("tickets").Select(t => new CrmFakeCase(
            t.Id, t[Key], First(fake.Associated("tickets", t.Id, "contacts")), t["subject"],
            fake.Options.TicketPipelines.GetValueOrDefault(t["hs_pipeline"] ?? "")?.GetValueOrDefault(t["hs_pipeline_stage"] ?? ""))).ToList();

    public void ThrottleNext(int requests) => fake.ThrottleNext(requests);

    public void ExpireSessions() => fake.ExpireSessions();

    public void FailBatchSubrequestOnce(string idempotencyKey) => fake.FailBatchInputOnce(idempotencyKey);

    public IReadOnlyList<IReadOnlyList<string>> BatchedKeys() => fake.UpsertBatches;

    /// <summary>The text a person reads on the timeline: tags dropped, line breaks kept.</summary>
    public static string? Text(string? html) =>
        html is null ? null : WebUtility.HtmlDecode(Tags().Replace(html.Replace("<br>", "\n", StringComparison.Ordinal).Replace("</p><p>", "\n", StringComparison.Ordinal), ""));

    private CrmFakeActivity Activity(string type, FakeHubSpotObject r)
    {
        var contact = First(fake.Associated(type, r.Id, "contacts"));
        var ticket = First(fake.Associated(type, r.Id, "tickets"));
        var owner = r["hubspot_owner_id"];
        return type switch
        {
            "calls" => new CrmFakeActivity(
                r.Id, "voice", r[Key], contact, ticket, r["hs_call_title"], Text(r["hs_call_body"]),
                r["hs_call_duration"] is { } ms ? (int)(long.Parse(ms, CultureInfo.InvariantCulture) / 1000) : null,
                fake.Options.CallOutcomes.FirstOrDefault(o => o.Value == r["hs_call_disposition"]).Key,
                r["hs_call_direction"] == "INBOUND" ? "in" : "out", owner),
            "emails" => new CrmFakeActivity(
                r.Id, "email", r[Key], contact, ticket, r["hs_email_subject"], r["hs_email_text"], null, null,
                r["hs_email_direction"] == "INCOMING_EMAIL" ? "in" : "out", owner),
            _ => Titled(r.Id, type == "communications" ? "whatsapp" : "chat", r[Key], contact, ticket, r[type == "communications" ? "hs_communication_body" : "hs_note_body"], owner),
        };
    }

    /// <summary>Communications and notes have no title property: the subject is the body's bold first paragraph.</summary>
    private static CrmFakeActivity Titled(string id, string channel, string? key, string? contact, string? ticket, string? html, string? owner)
    {
        var match = html is null ? null : Title().Match(html);
        var title = match is { Success: true } ? match.Groups[1].Value : null;
        var body = match is { Success: true } ? html![match.Length..] : html;
        return new CrmFakeActivity(id, channel, key, contact, ticket, title is null ? null : WebUtility.HtmlDecode(title), Text(body), null, null, "in", owner);
    }

    private static string? First(IReadOnlyList<string> ids) => ids.Count > 0 ? ids[0] : null;

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("^<p><strong>(.*?)</strong></p>")]
    private static partial Regex Title();
}
