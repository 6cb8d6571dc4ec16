using System.Globalization;
using System.Text;
using Connector.Ai.Chat;
using Connector.Core.Compliance;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Ai.Assist;

/// <summary>
/// A draft from the AI service as structured output (draft and the sources used), grounded in the suggestions found and
/// the last messages. A failed, throttled, timed-out or malformed answer (not the schema, a blank draft, a source it was
/// not given) gives no draft and says why (<c>AI fell back: 429</c>); there is no embedded draft to fall back to.
/// </summary>
public sealed partial class AiAssistDrafter(
    IChatClient chat, SensitiveDataRedactor redactor, IOptions<AiOptions> options, ILogger<AiAssistDrafter> logger) : IAssistDrafter
{
    private const string Instructions =
        "You draft the next reply of a contact-centre agent to a customer. Use only the facts in the sources given; if " +
        "they do not answer the customer, draft a short reply that asks what is needed. Keep placeholders such as {name} " +
        "or {order} as they are. Write in the customer's language. Answer with the JSON object the schema describes: the " +
        "draft, and the ids of the sources you used.";

    public async Task<AssistDraft> DraftAsync(IReadOnlyList<AssistTurn> lastMessages, IReadOnlyList<AssistSource> sources, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lastMessages);
        ArgumentNullException.ThrowIfNull(sources);
        var given = sources.Select(s => $"{s.Kind}:{s.Id}").ToHashSet(StringComparer.Ordinal);
        var outcome = await chat.AskAsync<DraftAnswer, AssistDraft>(
            options.Value, Instructions, Prompt(lastMessages, sources), temperature: 0.2f,
            // What a model writes is redacted like anything else the connector keeps or shows.
            answer => !string.IsNullOrWhiteSpace(answer.Draft) && answer.Sources is { } used && used.All(given.Contains)
                ? new AssistDraft(redactor.Redact(answer.Draft.Trim()), [.. used.Distinct(StringComparer.Ordinal)], StructuredOutputCall.MethodOf(options.Value), null)
                : null,
            ct);
        if (outcome.Result is { } draft)
        {
            return draft;
        }

        var reason = outcome.FallbackReason!;
        LogNoDraft(logger, reason);
        return AssistDraft.None($"AI fell back: {reason}");
    }

    /// <summary>The sources and messages as the model reads them; the messages are redacted again in case a rule changed since they were kept.</summary>
    private string Prompt(IReadOnlyList<AssistTurn> lastMessages, IReadOnlyList<AssistSource> sources)
    {
        var prompt = new StringBuilder();
        prompt.AppendLine("Sources:");
        foreach (var source in sources)
        {
            prompt.AppendLine(CultureInfo.InvariantCulture, $"[{source.Kind}:{source.Id}] {source.Title}: {source.Text}");
        }

        prompt.AppendLine().AppendLine("Conversation, oldest first:");
        foreach (var turn in lastMessages)
        {
            prompt.AppendLine(CultureInfo.InvariantCulture, $"{(turn.FromCustomer ? "Customer" : "Agent")}: {redactor.Redact(turn.Text)}");
        }

        return prompt.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI draft was not used ({Reason}); the agent gets suggestions without a draft.")]
    private static partial void LogNoDraft(ILogger logger, string reason);
}
