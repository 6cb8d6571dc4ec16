using System.Threading.Channels;

namespace Connector.Worker.Voice;

/// <summary>
/// Answers incoming calls off the Event Grid request path (which must return fast and call no one). A call that
/// rings while the Worker stops is lost with it; ACS would give up ringing long before a restart anyway.
/// </summary>
internal sealed class IncomingCallAnswerer(CallFlow flow, ILogger<IncomingCallAnswerer> logger) : BackgroundService
{
    private readonly Channel<(IncomingCallData Call, DateTimeOffset At)> _ringing = Channel.CreateUnbounded<(IncomingCallData, DateTimeOffset)>();

    public void Ring(IncomingCallData call, DateTimeOffset at) => _ringing.Writer.TryWrite((call, at));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (call, at) in _ringing.Reader.ReadAllAsync(stoppingToken))
        {
            // Each call answered on its own, so one slow answer does not keep the next caller ringing.
            _ = Task.Run(async () =>
            {
                try
                {
                    await flow.AnswerAsync(call, at, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Answering a call failed");
                }
            }, stoppingToken);
        }
    }
}
