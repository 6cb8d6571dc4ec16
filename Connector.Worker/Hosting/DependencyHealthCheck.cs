using Connector.Worker.Cli.Doctor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connector.Worker.Hosting;

/// <summary>
/// Ready also means: each outside service the configuration names answers, checked as <c>doctor</c> checks it. A
/// result is kept for <see cref="Freshness"/>, so that probes every few seconds do not log in to the mailbox each time.
/// </summary>
internal abstract class DependencyHealthCheck(TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);

    // Two probes at once may both check: harmless, and simpler than a lock held across the call.
    private volatile Checked? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_last is { } last && now - last.At < Freshness)
        {
            return last.Result;
        }

        var outcome = await CheckAsync(cancellationToken);
        var result = outcome.Outcome switch
        {
            DoctorOutcome.Failed => new HealthCheckResult(FailureStatus, $"{outcome.Detail} (fix: {outcome.Fix})"),
            _ => HealthCheckResult.Healthy(outcome.Detail),
        };
        _last = new Checked(now, result);
        return result;
    }

    protected abstract Task<DoctorResult> CheckAsync(CancellationToken ct);

    /// <summary>What a service that does not answer makes the Worker: not ready (503), unless it can work on without it.</summary>
    protected virtual HealthStatus FailureStatus => HealthStatus.Unhealthy;

    private sealed record Checked(DateTimeOffset At, HealthCheckResult Result);
}

/// <summary>
/// The SignalR backplane, when <c>SignalR:Redis</c> is set. Degraded (still 200) while it does not answer: the Worker
/// serves its own connections and reconnects when Redis is back, so it stays in the proxy's rotation.
/// </summary>
internal sealed class RedisHealthCheck(IConfiguration configuration, TimeProvider time) : DependencyHealthCheck(time)
{
    protected override Task<DoctorResult> CheckAsync(CancellationToken ct) => RedisCheck.RunAsync(configuration);

    protected override HealthStatus FailureStatus => HealthStatus.Degraded;
}

/// <summary>The mailbox, when <c>Email:Imap:Host</c> is set.</summary>
internal sealed class ImapHealthCheck(IConfiguration configuration, TimeProvider time) : DependencyHealthCheck(time)
{
    protected override Task<DoctorResult> CheckAsync(CancellationToken ct) => ImapCheck.RunAsync(configuration, ct);
}
