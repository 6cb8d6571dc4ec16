using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// Azure Communication Services over loopback, speaking the real wire format: HMAC checked as ACS checks it, Bearer
/// user tokens for Chat, api-version required, ACS's error bodies, queued faults, and every request recorded.
/// Also posts Event Grid deliveries to a webhook.
/// </summary>
public sealed class FakeAcsServer : IAsyncDisposable
{
    private static readonly HttpClient EventGridClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) });

    private readonly ConcurrentQueue<FakeAcsRequest> requests = new();
    private readonly List<FakeAcsFault> faults = [];
    private readonly ConcurrentDictionary<string, bool> users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeAcsChatThread> threads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeAcsChatThread> threadsByRepeatKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeAcsNotification> notifications = new();
    private readonly ConcurrentDictionary<string, Lazy<FakeAcsNotification>> notificationsByRequestId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<FakeAcsEmailOperation>> emailsByOperationId = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> holds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeAcsEmailOperation> emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, FakeAcsMedia> media = new(StringComparer.Ordinal);
    private readonly byte[] key;
    private readonly FakeAcsTokens tokens;
    private WebApplication? app;
    private X509Certificate2? certificate;

    private FakeAcsServer(FakeAcsServerOptions options)
    {
        Options = options;
        key = Convert.FromBase64String(options.AccessKey);
        tokens = new FakeAcsTokens(ResourceId);
    }

    public FakeAcsServerOptions Options { get; }

    /// <summary>The immutable resource id: the middle of every user id (<c>8:acs:{resource}_{user}</c>).</summary>
    public string ResourceId { get; } = Guid.NewGuid().ToString();

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary><c>https://127.0.0.1:{port}/</c> when <see cref="FakeAcsServerOptions.EnableHttps"/>; its certificate is <see cref="CertificatePemPath"/>.</summary>
    public Uri? HttpsEndpoint { get; private set; }

    /// <summary>The self-signed certificate (PEM) to trust for <see cref="HttpsEndpoint"/>, e.g. as NODE_EXTRA_CA_CERTS.</summary>
    public string? CertificatePemPath { get; private set; }

    public string AccessKey => Options.AccessKey;

    public string ConnectionString => ConnectionStringWithKey(AccessKey);

    public IReadOnlyList<FakeAcsRequest> Requests => requests.ToList();

    public IReadOnlyList<FakeAcsNotification> Notifications => notifications.ToList();

    public IReadOnlyCollection<FakeAcsChatThread> Threads => threads.Values.ToList();

    public IReadOnlyCollection<FakeAcsEmailOperation> EmailOperations => emails.Values.ToList();

    internal DateTimeOffset Now => Options.Clock.GetUtcNow();

    public static async Task<FakeAcsServer> StartAsync(FakeAcsServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeAcsServer(options ?? new FakeAcsServerOptions());
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    public string ConnectionStringWithKey(string accessKey) => $"endpoint={Endpoint};accesskey={accessKey}";

    public IReadOnlyList<FakeAcsRequest> RequestsTo(string pathContains) =>
        requests.Where(r => r.Path.Contains(pathContains, StringComparison.Ordinal)).ToList();

    /// <summary>The next <paramref name="count"/> requests (to paths containing <paramref name="pathContains"/>) fail this way.</summary>
    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null, string? pathContains = null, string? errorCode = null, bool withBody = true)
    {
        var code = errorCode ?? (status == HttpStatusCode.TooManyRequests ? "TooManyRequests" : status.ToString());
        lock (faults)
        {
            for (var i = 0; i < count; i++)
            {
                faults.Add(new FakeAcsFault(status, code, retryAfter, pathContains, withBody));
            }
        }
    }

    /// <summary>Creates an ACS user directly, as if through the Identity API.</summary>
    public string CreateUser()
    {
        var id = $"8:acs:{ResourceId}_{Guid.NewGuid()}";
        users[id] = true;
        return id;
    }

    /// <summary>Issues a token directly (default scope chat, 24 hours).</summary>
    public FakeAcsIssuedToken IssueToken(string userId, TimeSpan? lifetime = null, params string[] scopes) =>
        tokens.Issue(userId, scopes.Length == 0 ? ["chat"] : scopes, Now, lifetime ?? TimeSpan.FromHours(24));

    public FakeAcsChatThread? FindThread(string threadId) => threads.TryGetValue(threadId, out var thread) ? thread : null;

    public void AddMedia(string id, byte[] content, string contentType) => media[id] = new FakeAcsMedia(content, contentType);

    /// <summary>
    /// Delivers Event Grid events to a webhook as Event Grid does: a JSON array, <c>aeg-event-type</c> Notification (or
    /// SubscriptionValidation for the handshake). Unsigned; the webhook's own <c>?key=</c> is part of the URL.
    /// </summary>
    public static async Task<HttpResponseMessage> PostEventGridEventsAsync(
        Uri webhookUrl, string eventsJsonArray, CancellationToken cancellationToken, string aegEventType = "Notification")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl)
        {
            Content = new StringContent(eventsJsonArray, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("aeg-event-type", aegEventType);
        request.Headers.Add("aeg-subscription-name", "FAKE-ACS-SUBSCRIPTION");
        request.Headers.Add("aeg-delivery-count", "0");
        request.Headers.Add("aeg-data-version", "1.0");
        request.Headers.Add("aeg-metadata-version", "1");
        return await EventGridClient.SendAsync(request, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        certificate?.Dispose();
        if (CertificatePemPath is not null)
        {
            File.Delete(CertificatePemPath);
        }
    }

    internal bool UserExists(string userId) => users.ContainsKey(userId);

    internal FakeAcsIssuedToken IssueToken(string userId, TimeSpan lifetime, string[] scopes) => tokens.Issue(userId, scopes, Now, lifetime);

    internal FakeAcsChatThread CreateThreadOnce(string? repeatKey, Func<FakeAcsChatThread> create, out bool isNew)
    {
        var created = false;
        FakeAcsChatThread Make()
        {
            created = true;
            var thread = create();
            threads[thread.Id] = thread;
            return thread;
        }

        var result = repeatKey is null ? Make() : threadsByRepeatKey.GetOrAdd(repeatKey, _ => Make());
        isNew = created;
        return result;
    }

    /// <summary>
    /// Sends once per repeatability id, as ACS does (for as long as this fake runs; ACS keeps ids for its repeatability
    /// window): a repeat, even concurrent with the first, is answered as the first and sends nothing.
    /// </summary>
    internal FakeAcsNotification SendNotificationOnce(string? requestId, Func<FakeAcsNotification> send)
    {
        FakeAcsNotification Make()
        {
            var notification = send();
            notifications.Enqueue(notification);
            return notification;
        }

        return requestId is null ? Make() : notificationsByRequestId.GetOrAdd(requestId, _ => new Lazy<FakeAcsNotification>(Make)).Value;
    }

    /// <summary>One operation per Operation-Id: a repeat names the first send's operation and sends nothing.</summary>
    internal FakeAcsEmailOperation SendEmailOnce(string operationId, Func<FakeAcsEmailOperation> send) =>
        emailsByOperationId.GetOrAdd(operationId, _ => new Lazy<FakeAcsEmailOperation>(() => emails.GetOrAdd(operationId, _ => send()))).Value;

    /// <summary>
    /// From now on, requests whose path contains <paramref name="pathContains"/> are carried out but their answers held
    /// until <see cref="ReleaseAnswers"/>: the client waits, and if it dies meanwhile it never learns the work was done.
    /// </summary>
    public void HoldAnswers(string pathContains) => holds.TryAdd(pathContains, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Answers every held request and holds no more.</summary>
    public void ReleaseAnswers()
    {
        foreach (var key in holds.Keys.ToList())
        {
            if (holds.TryRemove(key, out var hold))
            {
                hold.TrySetResult();
            }
        }
    }

    /// <summary>Waits while answers to this path are held (<see cref="HoldAnswers"/>); the work is already done.</summary>
    internal async Task HoldIfAskedAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (holds.FirstOrDefault(h => path.Contains(h.Key, StringComparison.Ordinal)).Value is { } hold)
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }
    }

    internal FakeAcsEmailOperation? FindEmailOperation(string id) => emails.TryGetValue(id, out var operation) ? operation : null;

    internal FakeAcsMedia? FindMedia(string id) => media.TryGetValue(id, out var found) ? found : null;

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear(); // the test folder's appsettings.json belongs to the Worker, not to this fake
        builder.Logging.ClearProviders();
        if (Options.EnableHttps)
        {
            certificate = FakeAcsCertificate.Create();
            CertificatePemPath = Path.Combine(Path.GetTempPath(), $"fake-acs-{Guid.NewGuid():N}.pem");
            await File.WriteAllTextAsync(CertificatePemPath, certificate.ExportCertificatePem(), cancellationToken);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            if (certificate is not null)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
            }
        });

        app = builder.Build();
        app.Use(HandleAsync);
        new FakeAcsIdentityApi(this).Map(app);
        new FakeAcsChatApi(this).Map(app);
        new FakeAcsMessagesApi(this).Map(app);
        new FakeAcsEmailApi(this).Map(app);
        new FakeAcsCallAutomationApi(this).Map(app);
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        Endpoint = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)) + "/");
        HttpsEndpoint = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal)) is { } https ? new Uri(https + "/") : null;
    }

    /// <summary>Record → injected fault → api-version → authentication → the API itself.</summary>
    private async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        request.Body.Position = 0;
        var body = buffer.ToArray();
        context.Items[FakeAcsJsonBody.BodyItem] = body;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var record = new FakeAcsRequest
        {
            Method = request.Method,
            Target = rawTarget,
            Path = request.Path.Value ?? "/",
            Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Body = body,
            ReceivedAt = Now,
        };
        requests.Enqueue(record);
        try
        {
            await AnswerAsync(context, next, rawTarget, body);
        }
        finally
        {
            record.StatusCode = context.Response.StatusCode;
        }
    }

    private async Task AnswerAsync(HttpContext context, RequestDelegate next, string rawTarget, byte[] body)
    {
        var path = context.Request.Path.Value ?? "/";
        if (FakeAcsChatCors.Handle(context))
        {
            return; // a browser's CORS preflight for Chat (see FakeAcsChatCors)
        }

        if (TakeFault(path) is { } fault)
        {
            await FakeAcsErrors.WriteAsync(context, (int)fault.Status, fault.ErrorCode, $"Injected {fault.ErrorCode}.", fault.RetryAfter, fault.WithBody);
            return;
        }

        if (FakeAcsApiVersions.For(path) is not { } versions)
        {
            await FakeAcsErrors.NotFoundAsync(context, $"No ACS API at {path}.");
            return;
        }

        var apiVersion = FakeAcsJsonBody.ApiVersion(context);
        if (apiVersion.Length == 0)
        {
            await FakeAcsErrors.WriteAsync(context, 400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
            return;
        }

        if (!versions.Contains(apiVersion, StringComparer.Ordinal))
        {
            await FakeAcsErrors.WriteAsync(context, 400, "UnsupportedApiVersion", $"The HTTP resource does not support api version '{apiVersion}'. Supported: {string.Join(", ", versions)}.");
            return;
        }

        if (path.StartsWith("/chat", StringComparison.Ordinal))
        {
            if (await BearerCallerAsync(context) is not { } caller)
            {
                return;
            }

            context.Items[FakeAcsJsonBody.CallerItem] = caller;
        }
        else if (FakeAcsHmacVerifier.Check(
            context.Request.Method, rawTarget, context.Request.Headers.Host.ToString(), context.Request.Headers, body, key, Now, Options.AllowedClockSkew) is { } denied)
        {
            await FakeAcsErrors.DeniedAsync(context, denied);
            return;
        }

        await next(context);
        if (context.Response is { StatusCode: 404, HasStarted: false } && context.GetEndpoint() is null)
        {
            await FakeAcsErrors.NotFoundAsync(context, $"No ACS API at {context.Request.Method} {path}.");
        }
    }

    /// <summary>Chat accepts only ACS user tokens: one this fake issued, unexpired, with a chat scope.</summary>
    private async Task<FakeAcsIssuedToken?> BearerCallerAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var token = authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? tokens.Find(authorization[scheme.Length..].Trim()) : null;
        if (token is null)
        {
            await FakeAcsErrors.DeniedAsync(context, "Chat needs Authorization: Bearer <ACS user access token> issued by this resource.");
            return null;
        }

        if (token.ExpiresOn <= Now)
        {
            await FakeAcsErrors.DeniedAsync(context, "The access token has expired.");
            return null;
        }

        if (!token.Scopes.Any(s => s.StartsWith("chat", StringComparison.Ordinal)))
        {
            await FakeAcsErrors.WriteAsync(context, 403, "Forbidden", "The access token has no chat scope.");
            return null;
        }

        return token;
    }

    private FakeAcsFault? TakeFault(string path)
    {
        lock (faults)
        {
            var index = faults.FindIndex(f => f.PathContains is null || path.Contains(f.PathContains, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var fault = faults[index];
            faults.RemoveAt(index);
            return fault;
        }
    }
}
