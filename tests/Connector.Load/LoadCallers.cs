using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Connector.Worker.Tests.Fakes.Acs;

namespace Connector.Load;

/// <summary>
/// Callers on the fake ACS: each call rings the Worker (IncomingCall through Event Grid; the Worker answers through Call
/// Automation and hears back through signed callbacks), waits in the queue until an agent is added to the call, talks
/// for <see cref="LoadOptions.TalkMs"/> and hangs up.
/// </summary>
public sealed class LoadCallers(FakeAcsCalls calls, LoadOptions options)
{
    /// <summary>The contact centre's number the customers ring.</summary>
    public const string ContactCentre = "+442071230000";

    // How often a waiting caller looks whether an agent joined: the fake has no event for it, and a caller's ear is coarse.
    private static readonly TimeSpan Listen = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentBag<Task> _callers = [];
    private int _talked;

    /// <summary>Calls an agent joined and the caller ended after talking.</summary>
    public int Talked => _talked;

    public async Task<SentMessage> RingAsync(int index, string from, CancellationToken ct)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var call = await calls.RingAsync(from, ContactCentre, ct);
            _callers.Add(TalkAsync(call, ct));
            return new SentMessage(index, "voice", $"call:{call.CallConnectionId}", $"phone:{from}")
            {
                SentAt = sentAt,
                AnsweredAt = DateTimeOffset.UtcNow,
                AnswerMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                Status = (int)HttpStatusCode.OK,
            };
        }
        catch (HttpRequestException e)
        {
            return new SentMessage(index, "voice", $"call:not-rung-{index}", $"phone:{from}")
            {
                SentAt = sentAt,
                AnswerMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                Status = (int?)e.StatusCode ?? 0,
                Error = e.Message,
            };
        }
    }

    /// <summary>Waits for the callers still on the line (talking, or waiting for an agent) at most <paramref name="timeout"/>.</summary>
    public Task IdleAsync(TimeSpan timeout, CancellationToken ct) =>
        Task.WhenAll(_callers).WaitAsync(timeout, ct).ContinueWith(_ => { }, TaskScheduler.Default);

    private async Task TalkAsync(FakeAcsCall call, CancellationToken ct)
    {
        // A caller nobody answers waits as long as the run drains, then stays on the line until the tool stops.
        var patience = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(options.Seconds + options.WarmupSeconds + options.DrainSeconds);
        try
        {
            // The caller is a participant from the answer on: an agent is anyone else on the call.
            bool AgentJoined() => call.Participants.Any(p => p != call.CallerRawId);
            while (!AgentJoined() && !call.Ended && patience.Elapsed < limit)
            {
                await Task.Delay(Listen, ct);
            }

            if (call.Ended || !AgentJoined())
            {
                return;
            }

            await Task.Delay(options.TalkMs, ct);
            await call.CallerHangsUpAsync();
            Interlocked.Increment(ref _talked);
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
