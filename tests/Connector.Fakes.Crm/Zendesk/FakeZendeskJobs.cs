using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Zendesk;

/// <summary>
/// create_many, update_many and users/create_or_update_many: each returns a queued job_status at once; the items are
/// applied then, one by one (one failing item fails alone), and the job reads "completed" with per-item results from
/// the first poll on. Result shapes are Zendesk's: created tickets <c>{index, id}</c>, updated tickets
/// <c>{id, action, success, status}</c>, users <c>{id, status, email, external_id}</c>; a Failed entry's id is the
/// input's index (users) and carries <c>error</c> and <c>details</c>.
/// </summary>
internal sealed class FakeZendeskJobs
{
    private readonly Dictionary<string, JsonObject> _jobs = new(StringComparer.Ordinal);

    public FakeZendeskResponse Submit(string kind, JsonArray results, int total)
    {
        var id = $"V3-{Guid.NewGuid():N}"[..20];
        _jobs[id] = new JsonObject
        {
            ["id"] = id,
            ["url"] = $"/api/v2/job_statuses/{id}.json",
            ["job_type"] = kind,
            ["total"] = total,
            ["progress"] = total,
            ["status"] = "completed",
            ["message"] = $"Completed at {DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)}",
            ["results"] = results,
        };
        return FakeZendeskResponse.Json(200, new JsonObject
        {
            ["job_status"] = new JsonObject
            {
                ["id"] = id,
                ["url"] = $"/api/v2/job_statuses/{id}.json",
                ["job_type"] = kind,
                ["total"] = total,
                ["progress"] = null,
                ["status"] = "queued",
                ["message"] = null,
                ["results"] = null,
            },
        });
    }

    public FakeZendeskResponse Show(string id) =>
        _jobs.TryGetValue(id, out var job) ? FakeZendeskResponse.Json(200, new JsonObject { ["job_status"] = job.DeepClone() }) : FakeZendeskResponse.NotFound();

    public static JsonObject Failed(long id, string error, string details) => new()
    {
        ["id"] = id,
        ["status"] = "Failed",
        ["error"] = error,
        ["details"] = details,
    };

    /// <summary>A refusal's words for a job result: <c>error</c> and the details as one line.</summary>
    public static (string Error, string Details) Words(FakeZendeskResponse refusal)
    {
        var body = refusal.Body as JsonObject;
        var error = body?["error"]?.ToString() ?? "Failed";
        var details = body?["details"] is JsonObject fields
            ? string.Join("; ", fields.SelectMany(f => (f.Value as JsonArray ?? []).Select(d => d?["description"]?.ToString())))
            : body?["description"]?.ToString() ?? refusal.Text ?? "";
        return (error, details);
    }
}
