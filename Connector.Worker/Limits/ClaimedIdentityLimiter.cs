using System.Threading.RateLimiting;
using Connector.Core.Customers;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Limits;

/// <summary>
/// Chat sessions per claimed identity: however many addresses a caller uses, the phone number or email address
/// typed into the pre-chat form can be named by only so many sessions an hour (<c>Limits:ChatSessionsPerClaimedIdentityPerHour</c>),
/// so nobody floods an agent's queue with sessions claiming to be one customer. Partitioned by the normalized identity,
/// so <c>07700 900123</c> and <c>+44 7700 900123</c> share one count. Kept in this Worker's memory: behind several
/// Workers the limit is per Worker (the codes sent to an identity are limited across all of them, in the store).
/// </summary>
public sealed class ClaimedIdentityLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ClaimedIdentityLimiter(IOptions<LimitsOptions> options)
    {
        var permits = options.Value.ChatSessionsPerClaimedIdentityPerHour;
        _limiter = PartitionedRateLimiter.Create<string, string>(identity => RateLimitPartition.GetFixedWindowLimiter(identity, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>Takes one session's permit for the identity; when refused, how long until the window ends.</summary>
    public bool TryAcquire(CustomerIdentity identity, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(identity.ToString());
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromHours(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
