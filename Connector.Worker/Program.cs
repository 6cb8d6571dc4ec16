using Connector.Ai;
using Connector.Core;
using Connector.Worker.Acs;
using Connector.Worker.Api;
using Connector.Worker.Chat;
using Connector.Worker.Cli;
using Connector.Worker.Crm;
using Connector.Worker.Crm.Links;
using Connector.Worker.Demo;
using Connector.Worker.Email;
using Connector.Worker.Hosting;
using Connector.Worker.Hosting.Logging;
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

// A verb (simulate, …) runs instead of the service.
if (CliVerbs.Find(args) is { } verb)
{
    return await verb();
}

// `demo` runs this same service with demo settings, an ACS stand-in and simulated customers layered on (Demo/).
var demo = await DemoMode.PrepareAsync(args);
if (demo is { ExitCode: { } demoExit })
{
    return demoExit;
}

var builder = WebApplication.CreateBuilder(ConnectorHost.Options(demo is null ? args : DemoMode.HostArgs));
demo?.LayerOn(builder);
if (ConnectorHost.ReadStartup(builder.Configuration) is not { } startup)
{
    return ConnectorHost.ConfigurationErrorExitCode;
}

var services = builder.Services;
var configuration = builder.Configuration;

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

// Last before building: every log provider registered so far writes through the masking of secrets and card numbers.
builder.Logging.AddLogMasking(configuration);

var app = builder.Build();
app.UseConnectorPipeline();
app.MapHealth();
app.MapOpenApi();
app.MapConnectorApi();
app.MapSignIn();
app.MapAcsWebhooks();
app.MapVoice();
app.MapChat();
app.MapPush();
app.MapPanel();
app.MapRecordingLinks();
app.MapKpiDashboard();
app.MapJobsDashboard();
app.MapTelemetry();
return await app.RunConnectorAsync();
