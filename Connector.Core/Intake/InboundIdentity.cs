using Connector.Core.Customers;

namespace Connector.Core.Intake;

/// <summary>An identity as the channel reported it, before normalization (e.g. phone <c>07700 900123</c>).</summary>
public sealed record InboundIdentity(IdentityKind Kind, string Value);
