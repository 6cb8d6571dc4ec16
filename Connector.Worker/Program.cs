using Connector.Core;
using Connector.Salesforce;
using Connector.Worker.Acs;
using Connector.Worker.Api;
using Connector.Worker.Cli;
using Connector.Worker.Configuration;
using Connector.Worker.Crm;
using Connector.Worker.Email;
using Connector.Worker.Hosting;
using Connector.Worker.Jobs;
using Connector.Worker.Messaging;
using Connector.Worker.Routing;
using Connector.Worker.Storage;
using Connector.Worker.Voice;
using Connector.Worker.WebChat;
using Connector.Worker.Webhooks;
using Hangfire;
using Microsoft.Extensions.Options;

if (args is ["simulate", .. var simulateArgs])
{
    return await SimulateCommand.RunAsync(simulateArgs);
}

// appsettings.json sits beside the binary, so `dotnet run --project Connector.Worker` from anywhere finds it;
// relative paths in the configuration (Storage:DataDirectory) are relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

StartupConfiguration startup;
try
{
    startup = StartupConfiguration.Read(builder.Configuration);
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"Configuration error: {ex.Message}");
    return 2;
}

builder.Services.AddSingleton(startup);
builder.Services.AddConnectorOptions(builder.Configuration);
builder.Services.AddConnectorCore();
builder.Services.AddConnectorStore(startup);
builder.Services.AddHostedService<SchemaMigrationService>();
builder.Services.AddConnectorJobs(startup);
builder.Services.AddCrmSync(builder.Configuration, startup);
if (startup.CrmProvider == CrmProvider.Salesforce)
{
    builder.Services.AddSalesforceConnector(builder.Configuration);
}

builder.Services.AddConnectorRouting(builder.Configuration, startup);
builder.Services.AddConnectorHealthChecks();
builder.Services.AddAcsClients(builder.Configuration);
builder.Services.AddAcsWebhooks();
builder.Services.AddScoped<AgentReplySender>();
builder.Services.AddEmailIntake(builder.Configuration);
builder.Services.AddWebChat();
builder.Services.AddVoice(builder.Configuration);
builder.Services.AddSingleton<AdminAccess>();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealth();
app.MapOpenApi();
app.MapConnectorApi();
app.MapAcsWebhooks();
app.MapWebChat();
app.MapVoice();
app.MapJobsDashboard();

var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Connector.Worker");
log.LogInformation("Store: {Store}; Hangfire storage: {JobStorage}; CRM: {Crm}; charter: {Charter}",
    startup.UsesPostgres ? "PostgreSQL" : $"SQLite in {startup.DataDirectory}",
    startup.UsesPostgres ? "PostgreSQL" : "in memory (the outbox keeps the work)",
    startup.CrmProvider,
    startup.CharterPath ?? "none (one queue per channel)");
if (!app.Services.GetRequiredService<AdminAccess>().KeyConfigured)
{
    log.LogWarning("No Api:AdminKey is configured: the admin API and the Hangfire dashboard answer loopback callers only");
}

try
{
    app.Services.GetRequiredService<IRecurringJobManager>().AddImapPolling(app.Services.GetRequiredService<IOptions<ImapOptions>>().Value);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"Configuration error: {string.Join("; ", ex.Failures)}");
    return 2;
}
