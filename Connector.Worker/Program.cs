using Connector.Worker.Acs;
using Connector.Worker.Api;
using Connector.Worker.Chat;
using Connector.Worker.Cli;
using Connector.Worker.Crm.Links;
using Connector.Worker.Demo;
using Connector.Worker.Hosting;
using Connector.Worker.Hosting.Logging;
using Connector.Worker.Kpis;
using Connector.Worker.Panel;
using Connector.Worker.People.SignIn;
using Connector.Worker.Push;
using Connector.Worker.Telemetry;
using Connector.Worker.Voice;
using Connector.Worker.Webhooks;

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

// Everything the service runs, in one list that `doctor` composes too (Hosting/ConnectorServices.cs).
services.AddConnector(startup, configuration);

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
