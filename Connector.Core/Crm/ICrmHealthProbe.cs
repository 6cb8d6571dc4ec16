namespace Connector.Core.Crm;

/// <summary>
/// Optional port: the adapter's cheapest authenticated read, so that an operator can prove the credentials and the
/// API answer (<c>doctor</c>) without writing anything to the CRM. A failure is thrown as the adapter throws any
/// (<see cref="CrmRequestFailedException"/>, or <see cref="HttpRequestException"/> when the CRM cannot be reached).
/// </summary>
public interface ICrmHealthProbe
{
    /// <summary>Gets a token and makes one read; returns what was read, in words, for the operator.</summary>
    Task<string> ProbeAsync(CancellationToken ct);
}
