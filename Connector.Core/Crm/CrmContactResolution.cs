namespace Connector.Core.Crm;

/// <summary>
/// The outcome of a contact search: exactly one record (found or created), several candidates for the agent to
/// pick from (nothing is created then), or none (when creating was not allowed).
/// </summary>
public sealed record CrmContactResolution(CrmContactResolutionKind Kind, CrmRecord? Contact, IReadOnlyList<CrmContactCandidate> Candidates)
{
    public static CrmContactResolution Found(CrmRecord contact) => new(CrmContactResolutionKind.Found, contact, []);

    public static CrmContactResolution Created(CrmRecord contact) => new(CrmContactResolutionKind.Created, contact, []);

    public static CrmContactResolution Ambiguous(IReadOnlyList<CrmContactCandidate> candidates) => new(CrmContactResolutionKind.Ambiguous, null, candidates);

    public static CrmContactResolution NotFound() => new(CrmContactResolutionKind.NotFound, null, []);
}
