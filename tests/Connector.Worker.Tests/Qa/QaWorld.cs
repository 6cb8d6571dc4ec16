using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Api;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Qa;

/// <summary>A charter <c>qa:</c> section for the Worker tests, and short ways to play one interaction to its wrap-up.</summary>
internal static class QaWorld
{
    public const string Charter = """
        qa:
          forms:
            standard:
              channels: [voice, chat, whatsapp]
              sections:
                opening:
                  greeting: { weight: 10, rule: { phrases: [hello, hi, good morning], in: first } }
                  introduction: { weight: 10, rule: { phrases: [my name is, this is], in: first, turns: 2 } }
                resolution:
                  empathy: { weight: 10, rule: { phrases: [sorry, apologi*, i understand] } }
                  solution: { weight: 10, rule: { phrases: [refund*, i've sent, replace*] } }
                closing:
                  closing: { weight: 10, rule: { phrases: [have a great day, bye], in: last } }
                experience:
                  clarity: { weight: 10, ai: Was the explanation clear? }
            email:
              channels: [email]
              sections:
                reply:
                  greeting: { weight: 10, rule: { phrases: [dear, hello, hi], in: first } }
                  closing: { weight: 10, rule: { phrases: [kind regards, best regards], in: last } }
                  speed: { weight: 10, metric: firstResponse }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A message on the conversation's channel, in or out, through the admin's inbound-events API.</summary>
    public static async Task SaysAsync(this WorkerProcess worker, string channel, string identity, string direction, string text)
    {
        (await worker.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel,
            type = "message",
            direction,
            identities = new[] { new { kind = channel, value = identity } },
            text,
        }, Ct)).EnsureSuccessStatusCode();
    }

    /// <summary>The agent accepts the task the customer's first message opened.</summary>
    public static async Task AcceptsAsync(this WorkerProcess worker, HttpClient agent, Guid task)
    {
        await worker.UntilStateAsync(task, "offered");
        (await agent.PostAsync($"/api/offers/{task}/accept", null, Ct)).EnsureSuccessStatusCode();
        await worker.UntilStateAsync(task, "assigned");
    }

    public static async Task<JsonElement[]> EvaluationsAsync(this HttpClient caller, string query = "") =>
        [.. (await caller.GetFromJsonAsync<JsonElement>($"/api/qa/evaluations{query}", Ct)).EnumerateArray()];
}
