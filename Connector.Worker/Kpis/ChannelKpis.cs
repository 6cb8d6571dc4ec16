namespace Connector.Worker.Kpis;

/// <summary>One channel's figures over the tasks that arrived in a window (a bucket, or the whole interval).</summary>
/// <param name="SlaSeconds">The charter's answer target for the channel (answerWithin); null: none, and no service level.</param>
/// <param name="Offered">Tasks that arrived.</param>
/// <param name="Answered">Of those, given to an agent (by now).</param>
/// <param name="ServiceLevel">answeredWithinSla ÷ offered: abandoned and still waiting count as not answered.</param>
/// <param name="AverageSpeedOfAnswerSeconds">Mean arrival → first assignment, over the answered.</param>
/// <param name="Handled">Answered and ended (completed).</param>
/// <param name="AverageHandleSeconds">Mean first assignment → end (wrap-up included), over the handled.</param>
/// <param name="Abandoned">Ended without ever reaching an agent.</param>
/// <param name="Transfers">Tasks opened by a transfer of a call to a queue.</param>
/// <param name="BusySeconds">Agent-seconds in the window holding at least one task of the channel (assignment to end).</param>
/// <param name="LoggedInSeconds">Agent-seconds in the window online for the channel (the presence log).</param>
/// <param name="Occupancy">busySeconds ÷ loggedInSeconds; can pass 1 when agents finish work after going offline.</param>
/// <param name="Contacts">Tasks that arrived, those opened by a transfer left out: the base of the repeat rate.</param>
/// <param name="RepeatContacts">Of the contacts, those after which the same customer was back on any channel within the repeat days.</param>
internal sealed record ChannelKpis(
    string Channel,
    double? SlaSeconds,
    int Offered,
    int Answered,
    int AnsweredWithinSla,
    double? ServiceLevel,
    double? AverageSpeedOfAnswerSeconds,
    int Handled,
    double? AverageHandleSeconds,
    int Abandoned,
    double? AbandonmentRate,
    int Transfers,
    double BusySeconds,
    double LoggedInSeconds,
    double? Occupancy,
    int Contacts,
    int RepeatContacts,
    double? RepeatContactRate);
