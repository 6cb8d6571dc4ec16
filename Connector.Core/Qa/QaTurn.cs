namespace Connector.Core.Qa;

/// <summary>Who a turn is from: the customer, our side (the agent, a supervisor on the call), or the system.</summary>
public enum QaSpeaker
{
    Customer,
    Agent,

    /// <summary>A call's moments (<see cref="QaTurn.CallStarted"/>, <see cref="QaTurn.CallConnected"/>), for the metrics; no words.</summary>
    System,
}

/// <summary>
/// One turn of an interaction as QA reads it: a message, an email body, or one speaker-labelled phrase of a call's
/// transcript. <paramref name="Ref"/> is what an answer cites: the timeline event's id, with <c>#line</c> for a phrase
/// of a transcript.
/// </summary>
/// <param name="Index">Its place in the interaction, from 0.</param>
public sealed record QaTurn(int Index, QaSpeaker Speaker, DateTimeOffset At, string Text, string Ref)
{
    public const string CallStarted = "call_started";
    public const string CallConnected = "call_connected";
}
