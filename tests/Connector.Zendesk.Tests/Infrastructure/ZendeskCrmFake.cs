using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Crm.Contract;
using Connector.Fakes.Crm.Zendesk;

namespace Connector.Zendesk.Tests.Infrastructure;

/// <summary>
/// The fake Zendesk seen through the contract's CRM-neutral eyes: end-users are contacts, tickets are cases, the
/// comments the connector wrote (voice comments for calls) are activities, and the attachments on its comments are
/// files. What an activity is about (its key, channel, subject) is read from the audit's metadata the adapter
/// wrote with the comment; the record id of a part is <c>{ticket}:{key}</c>, as the adapter names it.
/// </summary>
public sealed class ZendeskCrmFake(FakeZendeskServer fake) : ICrmFake
{
    public string AgentUserId => fake.AgentId.ToString(CultureInfo.InvariantCulture);

    public int ApiRequests => fake.ApiRequestCount;

    public int TokenRequests => fake.TokenRequestCount;

    public string SeedContact(string firstName, string lastName, string? phone, string? email) =>
        fake.SeedUser($"{firstName} {lastName}", phone, email).ToString(CultureInfo.InvariantCulture);

    public IReadOnlyList<CrmFakeContact> Contacts() =>
        fake.Users().Where(u => u.Role == "end-user").Select(u => new CrmFakeContact(Id(u.Id), u.Name, u.Phone, u.Email)).ToList();

    public IReadOnlyList<CrmFakeActivity> Activities()
    {
        var activities = new List<CrmFakeActivity>();
        foreach (var ticket in fake.Tickets())
        {
            foreach (var audit in ticket.Audits)
            {
                if (audit is not { Comment: { } comment, Custom: { } custom } || custom["connector"] is not JsonObject connector || connector["activity"]?.ToString() is not { } key)
                {
                    continue;
                }

                var voice = comment.Type == "VoiceComment";
                activities.Add(new CrmFakeActivity(
                    $"{Id(ticket.Id)}:{key}",
                    voice ? "voice" : connector["channel"]?.ToString() ?? "?",
                    key,
                    Id(ticket.RequesterId),
                    Id(ticket.Id),
                    connector["subject"]?.ToString(),
                    comment.Body,
                    voice ? comment.VoiceData?["call_duration"]?.GetValue<int>() : null,
                    connector["disposition"]?.ToString(),
                    connector["direction"]?.ToString(),
                    voice ? comment.VoiceData?["answered_by_id"]?.ToString() : Id(comment.AuthorId)));
            }
        }

        return activities;
    }

    public IReadOnlyList<CrmFakeFile> Files() =>
        (from ticket in fake.Tickets()
         from audit in ticket.Audits
         let connector = audit.Custom?["connector"]
         where audit.Comment is not null && connector?["files"] is JsonObject
         from attachment in audit.Comment!.Attachments
         let key = ((JsonObject)connector!["files"]!).FirstOrDefault(f => f.Value?.ToString() == attachment.FileName).Key
         let parent = connector["parent"]?.ToString() ?? $"{Id(ticket.Id)}:{connector["activity"]}"
         select new CrmFakeFile(Id(attachment.Id), key, parent, attachment.FileName, attachment.Content)).ToList();

    public IReadOnlyList<CrmFakeCase> Cases() =>
        fake.Tickets().Select(t => new CrmFakeCase(Id(t.Id), t.ExternalId, Id(t.RequesterId), t.Subject, t.Status is "solved" or "closed" ? "Closed" : "Open")).ToList();

    public void ThrottleNext(int requests) => fake.ThrottleNext(requests);

    public void ExpireSessions() => fake.ExpireTokens();

    public void FailBatchSubrequestOnce(string idempotencyKey) => fake.FailBatchItemOnce(idempotencyKey);

    public IReadOnlyList<IReadOnlyList<string>> BatchedKeys() => fake.BatchedKeys;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
