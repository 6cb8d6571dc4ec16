using Connector.Core.Outbox;
using Connector.Worker.Outbox;

namespace Connector.Worker.Bot;

public static class BotServiceCollectionExtensions
{
    /// <summary>
    /// The bot before routing: intake holds web-chat and WhatsApp messages of a journey whose charter bot is on and
    /// leaves a <c>bot.turn</c> row, which this room's handler answers or hands off (the bot's brain comes from
    /// <c>AddConnectorAi</c>).
    /// </summary>
    public static IServiceCollection AddBot(this IServiceCollection services)
    {
        services.AddSingleton<BotTurnStore>();
        services.AddOutboxHandlerRunAtOnce<BotTurnHandler>(OutboxKind.BotTurn);
        return services;
    }
}
