using Connector.Core.Customers;

namespace Connector.Core.Crm;

/// <summary>Who to find in the CRM: the customer's normalized identities (E.164 phones, lower-cased emails…).</summary>
/// <param name="CreateWhenMissing">Create a contact (or lead, per the adapter's options) when nobody matches.</param>
public sealed record CrmContactQuery(Guid CustomerId, string? DisplayName, IReadOnlyList<CustomerIdentity> Identities, bool CreateWhenMissing);
