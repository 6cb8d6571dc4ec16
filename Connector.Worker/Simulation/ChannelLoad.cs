using Connector.Core.Channels;

namespace Connector.Worker.Simulation;

/// <summary>The work arriving on one channel: Poisson arrivals, exponential handle times and patience.</summary>
/// <param name="SlaSeconds">Answer target: replaces the policy's AnswerWithin for the channel and sets the service level.</param>
/// <param name="MeanPatienceSeconds">How long a customer waits before giving up, on average; 0: nobody abandons.</param>
internal sealed record ChannelLoad(
    Channel Channel,
    double ArrivalsPerHour,
    double MeanHandleSeconds,
    double SlaSeconds,
    double MeanPatienceSeconds = 0);
