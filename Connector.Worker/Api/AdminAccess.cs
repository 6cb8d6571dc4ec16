using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Api;

/// <summary>
/// Who may use the admin API and the dashboard: a caller with <c>X-Api-Key: {Api:AdminKey}</c>, or, when no key
/// is configured (the embedded default), loopback callers only.
/// </summary>
public sealed class AdminAccess(IOptions<ApiOptions> options)
{
    public const string HeaderName = "X-Api-Key";
    private readonly byte[]? _key = options.Value.AdminKey is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;

    public bool KeyConfigured => _key is not null;

    public bool Allows(HttpContext context)
    {
        if (_key is null)
        {
            return context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
        }

        return context.Request.Headers[HeaderName].ToString() is { Length: > 0 } presented
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
    }
}
