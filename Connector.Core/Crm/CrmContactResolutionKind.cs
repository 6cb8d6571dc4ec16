namespace Connector.Core.Crm;

public enum CrmContactResolutionKind
{
    Found,
    Created,
    Ambiguous,
    NotFound,
}
