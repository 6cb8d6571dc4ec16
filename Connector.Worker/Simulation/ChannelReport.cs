namespace Connector.Worker.Simulation;

/// <summary>One channel's figures over the tasks that arrived after the warm-up.</summary>
/// <param name="Offered">Tasks that arrived.</param>
/// <param name="Handled">Tasks an agent took (assigned), by the end of the run.</param>
/// <param name="StillWaiting">Neither handled nor abandoned when the run ended: offered − handled − abandoned.</param>
/// <param name="ServiceLevel">answeredWithinSla ÷ offered; abandoned and still-waiting tasks count as not answered.</param>
/// <param name="AverageSpeedOfAnswerSeconds">Mean time from arrival to assignment over the handled tasks.</param>
/// <param name="Occupancy">Time the agents online for the channel spent holding ≥ 1 of its tasks (offered,
/// in progress or wrapping up) ÷ (those agents × the measured time).</param>
internal sealed record ChannelReport(
    int Offered,
    int Handled,
    int Abandoned,
    int StillWaiting,
    int AnsweredWithinSla,
    double SlaSeconds,
    double? ServiceLevel,
    double? AverageSpeedOfAnswerSeconds,
    double? Occupancy);
