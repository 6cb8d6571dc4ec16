namespace Connector.Core.Bot;

/// <summary>
/// How a hand-off's task is routed: the journey whose queue and skills it takes (null: the bot's own journey) and the
/// priority it starts with.
/// </summary>
public sealed record BotHandOffRule(string? Journey, int Priority)
{
    public static BotHandOffRule Default { get; } = new(null, 0);
}
