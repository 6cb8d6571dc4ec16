using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Zendesk;

/// <summary>The account's records: users with identities, tickets with their audits and comments, uploads. Not thread-safe: the server locks.</summary>
internal sealed class FakeZendeskStore(FakeZendeskOptions options, TimeProvider clock)
{
    private long _nextUser = 361_000;
    private long _nextIdentity = 7_100;
    private long _nextTicket = 1;
    private long _nextAudit = 900_000;
    private long _nextComment = 4_200_000;
    private long _nextAttachment = 88_000;

    public List<FakeZendeskUser> Users { get; } = [];

    public List<FakeZendeskTicket> Tickets { get; } = [];

    /// <summary>Upload tokens and the files each holds until a comment names it.</summary>
    public Dictionary<string, List<FakeZendeskAttachment>> Uploads { get; } = new(StringComparer.Ordinal);

    public FakeZendeskUser? User(long id) => Users.FirstOrDefault(u => u.Id == id);

    public FakeZendeskTicket? Ticket(long id) => Tickets.FirstOrDefault(t => t.Id == id);

    public FakeZendeskUser AddUser(string name, string? email, string? phone, string? externalId, string role)
    {
        var user = new FakeZendeskUser { Id = _nextUser++, Name = name, Email = email, Phone = phone, ExternalId = externalId, Role = role };
        if (email is not null)
        {
            user.Identities.Add(new FakeZendeskIdentity(_nextIdentity++, user.Id, "email", email, true));
        }

        if (phone is not null)
        {
            user.Identities.Add(new FakeZendeskIdentity(_nextIdentity++, user.Id, "phone_number", phone, true));
        }

        Users.Add(user);
        return user;
    }

    public FakeZendeskIdentity AddIdentity(FakeZendeskUser user, string type, string value)
    {
        var identity = new FakeZendeskIdentity(_nextIdentity++, user.Id, type, value, !user.Identities.Any(i => i.Type == type));
        user.Identities.Add(identity);
        if (identity.Primary && type == "email")
        {
            user.Email = value;
        }
        else if (identity.Primary && type == "phone_number")
        {
            user.Phone = value;
        }

        return identity;
    }

    /// <summary>Whom an email or phone identity already belongs to (Zendesk keeps each on one user).</summary>
    public FakeZendeskUser? OwnerOf(string type, string value) =>
        Users.FirstOrDefault(u => u.Identities.Any(i => i.Type == type && string.Equals(i.Value, value, StringComparison.OrdinalIgnoreCase)));

    public FakeZendeskTicket AddTicket(long requesterId)
    {
        var ticket = new FakeZendeskTicket { Id = _nextTicket++, RequesterId = requesterId };
        Tickets.Add(ticket);
        return ticket;
    }

    public FakeZendeskAudit AddAudit(FakeZendeskTicket ticket, long authorId, FakeZendeskComment? comment, JsonObject? custom)
    {
        var audit = new FakeZendeskAudit(_nextAudit++, ticket.Id, authorId, comment, custom, clock.GetUtcNow());
        ticket.Audits.Add(audit);
        return audit;
    }

    public long NextCommentId() => _nextComment++;

    public string AddUpload(string? token, string fileName, string contentType, byte[] content)
    {
        token ??= $"tok{Guid.NewGuid():N}"[..24];
        if (!Uploads.TryGetValue(token, out var files))
        {
            files = [];
            Uploads[token] = files;
        }

        files.Add(new FakeZendeskAttachment(_nextAttachment++, fileName, contentType, content));
        return token;
    }

    public int MaxComments => options.MaxCommentsPerTicket;
}
