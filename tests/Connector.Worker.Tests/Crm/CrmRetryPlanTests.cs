using Connector.Core.Crm;
using Connector.Worker.Crm;

namespace Connector.Worker.Tests.Crm;

/// <summary>The retry rules per CRM signal (the CRMs' documented limits, see CrmRetryPlan), as a pure decision.</summary>
public sealed class CrmRetryPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly CrmSyncOptions Options = new()
    {
        MaxAttempts = 5,
        RetryDelay = TimeSpan.FromSeconds(30),
        MaxRetryDelay = TimeSpan.FromMinutes(5),
        ThrottleDelay = TimeSpan.FromMinutes(1),
    };

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    public void Transient_failures_back_off_exponentially(int failures, int seconds)
    {
        var decision = CrmRetryPlan.Decide(new CrmRequestFailedException("salesforce", 503, null, "unavailable"), failures, null, Options, Now);
        Assert.Equal((Now + TimeSpan.FromSeconds(seconds), true), (decision.RetryAt, decision.CountsAsAttempt));
    }

    [Fact]
    public void The_back_off_is_capped()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), CrmRetryPlan.Backoff(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), 20));
    }

    [Fact]
    public void The_last_attempt_dead_letters()
    {
        var decision = CrmRetryPlan.Decide(new HttpRequestException("connection refused"), 4, null, Options, Now);
        Assert.True(decision.DeadLetter);
    }

    [Fact]
    public void A_retry_after_longer_than_the_back_off_is_honoured()
    {
        var failure = new CrmRequestFailedException("zendesk", 503, null, "maintenance", retryAfter: TimeSpan.FromMinutes(3));
        Assert.Equal(Now + TimeSpan.FromMinutes(3), CrmRetryPlan.Decide(failure, 0, null, Options, Now).RetryAt);
    }

    [Fact]
    public void A_limit_waits_until_the_gate_opens_and_never_uses_up_attempts()
    {
        var limit = new CrmRequestFailedException("salesforce", 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", throttled: true);
        var decision = CrmRetryPlan.Decide(limit, failures: 99, Now.AddMinutes(20), Options, Now);
        Assert.Equal((Now.AddMinutes(20), false), (decision.RetryAt, decision.CountsAsAttempt));
    }

    [Fact]
    public void A_rejected_request_and_invalid_work_are_dead_lettered_at_once()
    {
        Assert.True(CrmRetryPlan.Decide(new CrmRequestFailedException("salesforce", 400, "INVALID_FIELD", "No such column"), 0, null, Options, Now).DeadLetter);
        Assert.True(CrmRetryPlan.Decide(new CrmWorkInvalidException("path leaves the data directory"), 0, null, Options, Now).DeadLetter);
    }

    [Fact]
    public void Lock_row_contention_that_the_adapter_marks_retryable_is_retried()
    {
        var contention = new CrmRequestFailedException("salesforce", 400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access", retryable: true);
        Assert.False(CrmRetryPlan.Decide(contention, 0, null, Options, Now).DeadLetter);
    }

    [Fact]
    public void The_throttle_gate_doubles_its_wait_while_the_limit_lasts_and_opens_on_success()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var gate = new CrmThrottleGate(time);
        var limit = new CrmRequestFailedException("salesforce", 403, "REQUEST_LIMIT_EXCEEDED", "limit", throttled: true);
        var options = new CrmSyncOptions { ThrottleDelay = TimeSpan.FromMinutes(1), MaxThrottleDelay = TimeSpan.FromMinutes(3) };

        Assert.Equal(Now.AddMinutes(1), gate.Throttled(limit, options));
        Assert.Equal(Now.AddMinutes(1), gate.Throttled(limit, options)); // in flight when it closed: the same limit
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(gate.ClosedUntil);
        Assert.Equal(time.GetUtcNow().AddMinutes(2), gate.Throttled(limit, options));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(time.GetUtcNow().AddMinutes(3), gate.Throttled(limit, options));
        gate.Succeeded();
        Assert.Null(gate.ClosedUntil);
        Assert.Equal(time.GetUtcNow().AddMinutes(1), gate.Throttled(limit, options));
    }

    [Fact]
    public void A_suggested_wait_longer_than_the_cap_is_cut_to_the_cap()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var gate = new CrmThrottleGate(time);
        var daily = new CrmRequestFailedException("salesforce", 403, "REQUEST_LIMIT_EXCEEDED", "limit", retryAfter: TimeSpan.FromMinutes(15), throttled: true);
        var zendesk = new CrmRequestFailedException("zendesk", 429, null, "slow down", retryAfter: TimeSpan.FromSeconds(20), throttled: true);
        var options = new CrmSyncOptions { ThrottleDelay = TimeSpan.FromMinutes(1), MaxThrottleDelay = TimeSpan.FromMinutes(3) };

        Assert.Equal(Now.AddMinutes(3), gate.Throttled(daily, options));
        gate.Succeeded();
        Assert.Equal(Now.AddSeconds(20), gate.Throttled(zendesk, options));
    }
}
