namespace Connector.Worker.Retention;

/// <summary>A legal hold: nothing of this customer or conversation is purged while it stands.</summary>
/// <param name="SubjectKind"><c>customer</c> or <c>conversation</c>.</param>
public sealed record LegalHold(string SubjectKind, Guid SubjectId, string Reason, string SetBy, DateTimeOffset SetAt)
{
    public const string Customer = "customer";
    public const string Conversation = "conversation";
}

/// <summary>The body of <c>PUT …/legal-hold</c>.</summary>
public sealed record LegalHoldRequest(string? Reason);
