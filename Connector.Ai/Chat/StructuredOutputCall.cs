using Microsoft.Extensions.AI;

namespace Connector.Ai.Chat;

/// <summary>
/// One structured-output question to the AI service, the way every AI feature asks it: under <c>Ai:Timeout</c>, the answer
/// kept only when the caller's check makes something of it, else the reason it was not (<see cref="AiFallbackReason"/>, or
/// "malformed answer" for one that does not fit the schema or the check). What to do without an answer stays the caller's:
/// the bot and the sentiment scorer have an embedded method, the drafter has none.
/// </summary>
public static class StructuredOutputCall
{
    /// <summary>Asks for a <typeparamref name="TAnswer"/> and turns it into a <typeparamref name="TResult"/> with <paramref name="use"/> (null: not usable).</summary>
    public static async Task<StructuredOutcome<TResult>> AskAsync<TAnswer, TResult>(
        this IChatClient chat,
        AiOptions options,
        string instructions,
        string prompt,
        float temperature,
        Func<TAnswer, TResult?> use,
        CancellationToken cancellationToken)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(use);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            var response = await chat.GetResponseAsync<TAnswer>(
                [new ChatMessage(ChatRole.System, instructions), new ChatMessage(ChatRole.User, prompt)],
                new ChatOptions { Temperature = temperature },
                useJsonSchemaResponseFormat: true,
                deadline.Token);
            return response.TryGetResult(out var answer) && use(answer) is { } result
                ? new StructuredOutcome<TResult>(result, null)
                : new StructuredOutcome<TResult>(null, "malformed answer");
        }
        // Only the caller's own cancellation and failures that are not the AI service's propagate.
        catch (Exception e) when (AiFallbackReason.Of(e, timedOut: deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested) is { } why)
        {
            return new StructuredOutcome<TResult>(null, why);
        }
    }

    /// <summary>The method a used answer is credited to, as results show it: <c>ai (OpenAICompatible: gpt-4o-mini)</c>.</summary>
    public static string MethodOf(AiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"ai ({options.Provider}: {options.Deployment})";
    }
}
