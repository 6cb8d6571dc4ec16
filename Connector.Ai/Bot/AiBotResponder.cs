using System.Text;
using Connector.Ai.Chat;
using Connector.Core.Bot;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Ai.Bot;

/// <summary>
/// The bot with an AI service: the same retrieval as the embedded bot picks the FAQ entries, and the AI writes the
/// answer from those entries alone, naming its sources and whether to hand off (structured output). An answer citing
/// an entry it was not given, an empty answer without a hand-off, a failure, a time-out or throttling fall back to the
/// embedded bot, and the method says so. The embedded rules' hand-offs (a request for a person, a sensitive intent,
/// falling sentiment, a second turn it did not understand) stand whatever the AI says: they are the charter's.
/// </summary>
public sealed partial class AiBotResponder(
    IChatClient chat, EmbeddedBotResponder embedded, IOptions<AiOptions> options, ILogger<AiBotResponder> logger) : IBotResponder
{
    private const string Instructions =
        "You are a contact centre's first-line bot. Answer the customer's latest message using ONLY the FAQ entries " +
        "given; never invent policies, prices or dates. When none of them answers it, or the customer asks for a person, " +
        "raises one of the sensitive topics, or is upset, hand off to a person instead of answering. Answer with the JSON " +
        "object the schema describes.";

    public async Task<BotReply> RespondAsync(BotPolicy policy, string text, double sentiment, IReadOnlyList<BotTurn> earlier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(earlier);
        var bot = embedded.KnowledgeOf(policy);
        var candidates = bot.Candidates(text, EmbeddedBotResponder.Candidates, cancellationToken);
        var rules = BotDecider.Decide(policy, candidates, sentiment, earlier);
        if (rules.Outcome == BotOutcome.HandedOff)
        {
            return EmbeddedBotResponder.ReplyFor(bot, rules, EmbeddedBotResponder.MethodName);
        }

        var given = candidates.Where(c => c.Intent is null).Select(c => bot.Entries[c.Id]).ToList();
        var outcome = await chat.AskAsync<BotAiAnswer, BotReply>(
            options.Value, Instructions, Prompt(policy, given, earlier, text), temperature: 0, answer => Usable(answer, given), cancellationToken);
        if (outcome.Result is { } reply)
        {
            return reply;
        }

        var reason = outcome.FallbackReason!;
        LogFellBack(logger, reason);
        var fallback = EmbeddedBotResponder.ReplyFor(bot, rules, EmbeddedBotResponder.MethodName);
        return fallback with { Method = $"{fallback.Method} (AI fell back: {reason})" };

        BotReply? Usable(BotAiAnswer answer, List<FaqEntry> entries)
        {
            var sources = answer.Sources ?? [];
            if (sources.Any(s => entries.All(e => e.Id != s)))
            {
                return null;
            }

            var method = StructuredOutputCall.MethodOf(options.Value);
            var best = candidates.Count > 0 ? candidates[0].Score : 0;
            if (answer.HandOff)
            {
                var why = answer.HandOffReason switch
                {
                    "explicit_request" => BotHandOffReason.ExplicitRequest,
                    "sensitive_intent" => BotHandOffReason.SensitiveIntent,
                    "falling_sentiment" => BotHandOffReason.FallingSentiment,
                    _ => BotHandOffReason.LowConfidence,
                };
                var decision = new BotDecision(BotOutcome.HandedOff, null, answer.Intent ?? rules.Match, best, why,
                    why == BotHandOffReason.SensitiveIntent ? answer.Intent : null);
                return new BotReply(decision, BotTexts.HandingOff(policy.Language), [], method);
            }

            if (string.IsNullOrWhiteSpace(answer.Answer) || sources.Count == 0)
            {
                return null;
            }

            return new BotReply(new BotDecision(BotOutcome.Answered, sources[0], sources[0], best, null, null), answer.Answer.Trim(), sources, method);
        }
    }

    private static string Prompt(BotPolicy policy, List<FaqEntry> entries, IReadOnlyList<BotTurn> earlier, string text)
    {
        var prompt = new StringBuilder();
        prompt.Append("FAQ entries:\n");
        foreach (var entry in entries)
        {
            prompt.Append("- id: ").Append(entry.Id).Append("\n  question: ").Append(entry.Question).Append("\n  answer: ").Append(entry.Answer).Append('\n');
        }

        if (policy.SensitiveIntents.Count > 0)
        {
            prompt.Append("Sensitive topics (always hand off): ").Append(string.Join(", ", policy.SensitiveIntents.Select(s => s.Name))).Append('\n');
        }

        if (earlier.Count > 0)
        {
            prompt.Append("Conversation so far:\n");
            foreach (var turn in earlier)
            {
                prompt.Append("Customer: ").Append(turn.CustomerText).Append('\n');
                if (turn.Reply is { } reply)
                {
                    prompt.Append("Bot: ").Append(reply).Append('\n');
                }
            }
        }

        prompt.Append("Customer's latest message: ").Append(text);
        return prompt.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI bot answer was not used ({Reason}); the embedded bot answered.")]
    private static partial void LogFellBack(ILogger logger, string reason);
}
