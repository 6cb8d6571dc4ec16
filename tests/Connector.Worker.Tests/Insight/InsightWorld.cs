using System.Net.Http.Json;
using System.Text.Json;

namespace Connector.Worker.Tests.Insight;

/// <summary>A charter <c>insights:</c> section for the Worker tests, and a short way to read the aggregates.</summary>
internal static class InsightWorld
{
    public const string Charter = """
        insights:
          topics:
            billing: { keywords: [invoice, refund*], phrases: [charged twice] }
            delivery: { examples: [Where is my parcel?, My order has not arrived yet, The courier never delivered my package] }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement[]> InsightsAsync(this HttpClient caller, string query) =>
        [.. (await caller.GetFromJsonAsync<JsonElement>($"/api/insights{query}", Ct)).EnumerateArray()];
}
