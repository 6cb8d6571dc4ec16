using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Crm;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.Panel;

/// <summary>
/// A Worker with the fake ACS and the fake Salesforce (WorkerWithFakeSalesforce), the WhatsApp webhook keyed, and the
/// people of a contact centre, for the panel's browser tests.
/// </summary>
internal sealed class PanelRig : IAsyncDisposable
{
    public const string WebhookKey = "panel-webhook-key";

    private PanelRig(WorkerWithFakeSalesforce setup) => Setup = setup;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public WorkerWithFakeSalesforce Setup { get; }
    public WorkerProcess Worker => Setup.Worker;
    public Uri PanelUrl => new(Worker.BaseAddress, "/panel");

    public static async Task<PanelRig> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Acs__WebhookKey"] = WebhookKey,
            ["Acs__WhatsApp__Templates__0__Name"] = "follow_up",
            ["Acs__WhatsApp__Templates__0__Language"] = "en_GB",
            ["Acs__WhatsApp__Templates__0__Description"] = "We have news about your request",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new PanelRig(await WorkerWithFakeSalesforce.StartAsync(all));
    }

    /// <summary>A customer's WhatsApp message as ACS delivers it: an Event Grid event to the webhook.</summary>
    public async Task WhatsAppAsync(string from, string text)
    {
        var response = await AcsWebhookDelivery.PostAsync(
            Worker.Http, WebhookKey, AcsWebhookDelivery.WhatsAppText(from.TrimStart('+'), text, WorkerWithFakeSalesforce.ChannelRegistration), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The task of the customer's latest conversation, as an admin sees it.</summary>
    public async Task<JsonElement> TaskOfAsync(string whatsApp)
    {
        JsonElement found = default;
        await Eventually.TrueAsync(async () =>
        {
            var customer = await Worker.Http.GetAsync($"/api/customers?identity=whatsapp:{Uri.EscapeDataString(whatsApp)}", Ct);
            if (!customer.IsSuccessStatusCode)
            {
                return false;
            }

            var conversation = (await customer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationIds").EnumerateArray().Last().GetGuid();
            var tasks = await Worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct);
            found = tasks.EnumerateArray().LastOrDefault(t => t.GetProperty("conversationId").GetGuid() == conversation);
            return found.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(20), () => Worker.Output);
        return found;
    }

    public ValueTask DisposeAsync() => Setup.DisposeAsync();
}
