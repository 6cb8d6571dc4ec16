using System.Text.Json;
using Connector.Core.Bot;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Bot;

/// <summary>The bot's turns, one per customer message (a replayed job adds nothing and reads the first one back).</summary>
internal sealed class BotTurnStore(SqlDialect dialect)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Keeps <paramref name="turn"/> unless its message already has one; the one kept either way.</summary>
    public async Task<StoredBotTurn> AddAsync(StoredBotTurn turn, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var t = turn.Turn;
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO bot_turns (message_id, conversation_id, channel, at, customer_text, matched, confidence, sentiment, outcome, reason, reply, method, handoff)
            VALUES (@MessageId, @ConversationId, @Channel, @at, @text, @match, @confidence, @sentiment, @outcome, @reason, @reply, @Method, @handoff)
            ON CONFLICT (message_id) DO NOTHING
            """,
            new
            {
                turn.MessageId,
                turn.ConversationId,
                turn.Channel,
                at = t.At,
                text = t.CustomerText,
                match = t.Match,
                confidence = t.Confidence,
                sentiment = t.Sentiment,
                outcome = OutcomeName(t.Outcome),
                reason = turn.Reason?.ToName(),
                reply = t.Reply,
                turn.Method,
                handoff = turn.HandOff is null ? null : JsonSerializer.Serialize(turn.HandOff, Json),
            },
            cancellationToken: ct));
        return (await ListAsync(turn.ConversationId, ct)).Single(s => s.MessageId == turn.MessageId);
    }

    /// <summary>The conversation's turns, oldest first.</summary>
    public async Task<IReadOnlyList<StoredBotTurn>> ListAsync(Guid conversationId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT * FROM bot_turns WHERE conversation_id = @conversationId ORDER BY at, message_id", new { conversationId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToTurn())];
    }

    private static string OutcomeName(BotOutcome outcome) => outcome switch
    {
        BotOutcome.Answered => "answered",
        BotOutcome.NotUnderstood => "not_understood",
        _ => "handed_off",
    };

    private sealed class Row
    {
        public Guid MessageId { get; set; }
        public Guid ConversationId { get; set; }
        public string Channel { get; set; } = "";
        public DateTimeOffset At { get; set; }
        public string CustomerText { get; set; } = "";
        public string? Matched { get; set; }
        public double Confidence { get; set; }
        public double Sentiment { get; set; }
        public string Outcome { get; set; } = "";
        public string? Reason { get; set; }
        public string? Reply { get; set; }
        public string Method { get; set; } = "";
        public string? Handoff { get; set; }

        public StoredBotTurn ToTurn()
        {
            var outcome = Outcome switch
            {
                "answered" => BotOutcome.Answered,
                "not_understood" => BotOutcome.NotUnderstood,
                _ => BotOutcome.HandedOff,
            };
            var reason = Enum.GetValues<BotHandOffReason>().Select(r => (BotHandOffReason?)r).FirstOrDefault(r => r!.Value.ToName() == Reason);
            return new StoredBotTurn(
                MessageId, ConversationId, Channel, new BotTurn(At, CustomerText, Matched, Confidence, Sentiment, outcome, Reply), reason, Method,
                Handoff is null ? null : JsonSerializer.Deserialize<BotHandOff>(Handoff, Json));
        }
    }
}
