namespace Connector.Core.Bot;

/// <summary>One retrieved match for a message: an FAQ entry's id or an intent's (<see cref="BotIntents.IdOf"/>), with its fused score in [0, 1].</summary>
public sealed record BotCandidate(string Id, double Score)
{
    public string? Intent => BotIntents.IntentOf(Id);
}
