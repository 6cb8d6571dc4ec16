namespace Connector.Core.Bot;

/// <summary>What the bot did with one customer message.</summary>
public enum BotOutcome
{
    /// <summary>Sent an FAQ answer.</summary>
    Answered,

    /// <summary>Not sure enough of any answer: asked the customer to put it another way.</summary>
    NotUnderstood,

    /// <summary>Handed the conversation to a person.</summary>
    HandedOff,
}
