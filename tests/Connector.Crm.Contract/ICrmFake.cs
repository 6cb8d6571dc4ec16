namespace Connector.Crm.Contract;

/// <summary>
/// What the contract needs from a CRM's fake server, in CRM-neutral terms: seed people, read back what the adapter
/// wrote, and make the CRM misbehave the way real ones do (limits, expired sessions, one bad record in a batch).
/// </summary>
public interface ICrmFake
{
    /// <summary>A CRM user the adapter may name as the agent (a valid owner).</summary>
    string AgentUserId { get; }

    /// <summary>Adds a person as the CRM stores them (phone as free text, e.g. <c>(020) 7946 0958</c>); returns the record id.</summary>
    string SeedContact(string firstName, string lastName, string? phone, string? email);

    IReadOnlyList<CrmFakeContact> Contacts();

    IReadOnlyList<CrmFakeActivity> Activities();

    IReadOnlyList<CrmFakeFile> Files();

    IReadOnlyList<CrmFakeCase> Cases();

    /// <summary>API calls so far (as the CRM counts them against its limits; sign-ins excluded).</summary>
    int ApiRequests { get; }

    /// <summary>Sign-ins (token requests) so far.</summary>
    int TokenRequests { get; }

    /// <summary>The next <paramref name="requests"/> API calls are refused with the CRM's rate/limit answer.</summary>
    void ThrottleNext(int requests);

    /// <summary>Every session or token issued so far stops working (the next call answers 401).</summary>
    void ExpireSessions();

    /// <summary>Inside the next batch request, the write carrying <paramref name="idempotencyKey"/> fails once (a transient fault).</summary>
    void FailBatchSubrequestOnce(string idempotencyKey);

    /// <summary>The idempotency keys written by each batch request, in order.</summary>
    IReadOnlyList<IReadOnlyList<string>> BatchedKeys();
}

public sealed record CrmFakeContact(string Id, string? Name, string? Phone, string? Email);

/// <param name="Channel">The channel the fake recognises from the CRM's native record: voice, chat, whatsapp or email.</param>
public sealed record CrmFakeActivity(
    string Id, string Channel, string? Key, string? ContactId, string? CaseId, string? Subject, string? Body,
    int? DurationSeconds, string? Disposition, string? Direction, string? OwnerId);

public sealed record CrmFakeFile(string Id, string? Key, string ParentId, string FileName, byte[] Content);

public sealed record CrmFakeCase(string Id, string? Key, string? ContactId, string? Subject, string? Status);
