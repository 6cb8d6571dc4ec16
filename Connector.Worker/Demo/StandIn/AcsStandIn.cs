using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Connector.Worker.Demo.StandIn;

/// <summary>
/// Azure Communication Services for the demo, on its own loopback port: the Worker's ACS clients point at it
/// (<c>Acs:ConnectionString</c>) and it answers as ACS does: HMAC checked with the demo's access key (Chat: the
/// bearer tokens its Identity API issued), ACS's response shapes and error bodies, and afterwards the events ACS
/// would send (delivery reports through Event Grid, Call Automation callbacks signed with a JWT the Worker checks
/// against this stand-in's OpenID configuration). What the Worker sends to customers is handed to the customer
/// simulator through <see cref="ToCustomers"/>.
/// </summary>
internal sealed partial class AcsStandIn : IHostedService, IAsyncDisposable
{
    private readonly byte[] _key;
    private WebApplication? _app;

    private AcsStandIn(string accessKey, string resourceId, Uri worker, string webhookKey, ILoggerFactory logs)
    {
        _key = Convert.FromBase64String(accessKey);
        AccessKey = accessKey;
        ResourceId = resourceId;
        Logs = logs;
        Logger = logs.CreateLogger<AcsStandIn>();
        EventGrid = new StandInEventGrid(new Uri(worker, $"webhooks/acs/events?key={Uri.EscapeDataString(webhookKey)}"), Logger);
        Identities = new StandInIdentities(resourceId);
        Signing = new StandInCallbackSigning(resourceId);
    }

    public string AccessKey { get; }

    /// <summary>The resource's immutable id: the middle of user ids, and the audience of callback JWTs.</summary>
    public string ResourceId { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public string ConnectionString => $"endpoint={Endpoint};accesskey={AccessKey}";

    /// <summary>Where the Worker reads the keys that sign callbacks (<c>Voice:CallbackJwt:OpenIdConfigurationUrl</c>).</summary>
    public Uri OpenIdConfigurationUrl => new(Endpoint, StandInCallbackSigning.ConfigurationPath);

    /// <summary>The WhatsApp channel registration of the demo number.</summary>
    public string WhatsAppChannelId { get; } = "5d2c7a8e-3b1f-4e6a-9c0d-d3e0a1b2c4f5";

    /// <summary>What the Worker sent to customers (WhatsApp, chat, email), for the simulator to answer now and then.</summary>
    public StandInOutbox ToCustomers { get; } = new();

    internal ILoggerFactory Logs { get; }

    internal ILogger Logger { get; }

    internal StandInEventGrid EventGrid { get; }

    internal StandInIdentities Identities { get; }

    internal StandInCallbackSigning Signing { get; }

    internal StandInChat Chat { get; private set; } = null!;

    internal StandInCalls Calls { get; private set; } = null!;

    public static async Task<AcsStandIn> StartAsync(DemoSecrets secrets, Uri worker, ILoggerFactory logs, CancellationToken ct)
    {
        var standIn = new AcsStandIn(secrets.AcsAccessKey, secrets.AcsResourceId, worker, secrets.WebhookKey, logs);
        await standIn.StartCoreAsync(ct);
        return standIn;
    }

    /// <summary>Started before the Worker is built (its endpoint is part of the Worker's configuration).</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }

        EventGrid.Dispose();
        Signing.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear(); // the Worker's appsettings.json is not this server's
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(CheckAsync);
        Chat = new StandInChat(this);
        Calls = new StandInCalls(this);
        new StandInIdentityApi(this).Map(_app);
        Chat.Map(_app);
        new StandInMessagesApi(this).Map(_app);
        new StandInEmailApi(this).Map(_app);
        Calls.Map(_app);
        Signing.Map(_app);
        await _app.StartAsync(ct);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Endpoint = new Uri(address.TrimEnd('/') + "/");
        Signing.Listening(Endpoint);
    }

    /// <summary>CORS for browsers' Chat calls → api-version → authentication (HMAC, or a Chat bearer token) → the API.</summary>
    private async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path.StartsWith("/chat", StringComparison.Ordinal) && StandInCors.Handle(context))
        {
            return; // a browser's preflight (the web chat widget and the panel read threads from ACS directly)
        }

        if (path.StartsWith(StandInCallbackSigning.PathPrefix, StringComparison.Ordinal))
        {
            await next(context); // ACS's OpenID configuration and keys are public
            return;
        }

        if (request.Query["api-version"].ToString().Length == 0)
        {
            await StandInErrors.WriteAsync(context, 400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
            return;
        }

        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        request.Body.Position = 0;
        if (path.StartsWith("/chat", StringComparison.Ordinal))
        {
            if (Identities.FindToken(request.Headers.Authorization.ToString()) is not { } caller)
            {
                await StandInErrors.WriteAsync(context, 401, "Unauthorized", "Chat needs Authorization: Bearer <ACS user access token> issued by this resource.");
                return;
            }

            context.Items[StandInChat.CallerItem] = caller;
        }
        else
        {
            var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            if (StandInHmac.Refusal(request.Method, target, request.Headers.Host.ToString(), request.Headers, buffer.ToArray(), _key) is { } refused)
            {
                Logger.LogWarning("ACS stand-in refused {Method} {Path}: {Reason}", request.Method, path, refused);
                await StandInErrors.WriteAsync(context, 401, "Denied", refused);
                return;
            }
        }

        await next(context);
        if (context.Response is { StatusCode: 404, HasStarted: false } && context.GetEndpoint() is null)
        {
            await StandInErrors.WriteAsync(context, 404, "NotFound", $"No ACS API at {request.Method} {path}.");
        }
    }

    /// <summary>ACS's timestamps: ISO 8601 in UTC.</summary>
    internal static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A communication identifier as ACS writes one: a phone number (<c>4:+…</c>) or an ACS user.</summary>
    internal static JsonObject Identifier(string rawId) => rawId.StartsWith("4:", StringComparison.Ordinal)
        ? new JsonObject { ["kind"] = "phoneNumber", ["rawId"] = rawId, ["phoneNumber"] = new JsonObject { ["value"] = rawId[2..] } }
        : new JsonObject { ["kind"] = "communicationUser", ["rawId"] = rawId, ["communicationUser"] = new JsonObject { ["id"] = rawId } };
}
