using Connector.Ai;
using Connector.Core;
using Connector.Worker.Acs;
using Connector.Worker.Api;
using Connector.Worker.Assist;
using Connector.Worker.Bot;
using Connector.Worker.Chat;
using Connector.Worker.Crm;
using Connector.Worker.Email;
using Connector.Worker.Insight;
using Connector.Worker.Kpis;
using Connector.Worker.Limits;
using Connector.Worker.Outbox;
using Connector.Worker.Panel;
using Connector.Worker.People.SignIn;
using Connector.Worker.Push;
using Connector.Worker.Qa;
using Connector.Worker.Replies;
using Connector.Worker.Retention;
using Connector.Worker.Routing;
using Connector.Worker.Storage;
using Connector.Worker.Telemetry;
using Connector.Worker.Voice;
using Connector.Worker.Webhooks;
using Connector.Worker.WhatsApp;

namespace Connector.Worker.Hosting;

/// <summary>
/// The Worker's composition, one list for the service (Program.cs) and for <c>doctor</c>, which builds it without starting
/// anything: so doctor validates the same options sections and calls out through the same clients (signing, tokens,
/// resilience) as the service, and a part added here is checked by both.
/// </summary>
public static class ConnectorServices
{
    public static IServiceCollection AddConnector(this IServiceCollection services, StartupConfiguration startup, IConfiguration configuration)
    {
        // What it runs on: embedded (SQLite, jobs in memory) or shared (PostgreSQL), chosen once.
        services.AddHostingMode(startup);
        services.AddConnectorStore();
        services.AddConnectorJobs();
        services.AddConnectorHealthChecks();
        services.AddHostedService<StartupSummary>();

        // The pipeline: intake, routing, the outbox, the CRM (the adapter Crm:Provider selected from CrmAdapters.InThisBuild).
        services.AddConnectorCore(configuration);
        services.AddConnectorRouting(configuration);
        services.AddOutbox(configuration);
        services.AddCrmSync(configuration);
        services.AddCrmAdapter(startup, configuration);

        // Quality: every finished interaction scored against the charter's QA forms.
        services.AddQa();

        // The channels, over ACS.
        services.AddAcsClients(configuration);
        services.AddAcsWebhooks();
        services.AddVoice(configuration);
        services.AddChat(configuration);
        services.AddWhatsApp();
        services.AddEmail(configuration);
        services.AddReplies(configuration);

        // AI: the embedded methods, and an AI service in front of them when Ai:Provider names one.
        services.AddConnectorAi(configuration);
        services.AddBot();

        // Insight: every finished interaction's turns scored for sentiment and sorted into the charter's topics.
        services.AddInsights();
        services.AddAssist();

        // What is kept, for how long, and who looked at it.
        services.AddRetention();

        // The ways in for people and tools, and what is pushed to them.
        services.AddConnectorApi(configuration);
        services.AddRequestLimits(configuration);
        services.AddSignIn(configuration);
        services.AddPush(configuration);
        services.AddPanel(configuration);
        services.AddKpis();

        // Traces and metrics (OpenTelemetry): /metrics for Prometheus, OTLP when OTEL_EXPORTER_OTLP_* is set.
        services.AddConnectorTelemetry(configuration);

        return services;
    }
}
