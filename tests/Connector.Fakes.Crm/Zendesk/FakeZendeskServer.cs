using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Fakes.Crm.Zendesk;

/// <summary>
/// A Zendesk Support account over loopback, speaking the documented wire format: API-token basic auth
/// (<c>{email}/token:{token}</c>) and OAuth bearer tokens from <c>/oauth/tokens</c>; users, identities and the user
/// search syntax the connector uses (<c>phone:*digits</c>); tickets with comments, voice comments, audits and tags;
/// uploads; create_many / update_many / create_or_update_many jobs; the <c>Idempotency-Key</c> header on ticket
/// creation; the per-minute limit (X-Rate-Limit headers, plain-text 429 with Retry-After), the per-user update limit
/// and the 5,000-comment ceiling. Refusals are in Zendesk's words (<c>error</c>, <c>description</c>, <c>details</c>).
/// The control surface seeds users and tickets (and a ticket's comment count), throttles, expires tokens, fails one
/// batch item, and shows requests and records.
/// </summary>
public sealed class FakeZendeskServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<FakeZendeskRequest> _requests = [];
    private readonly FakeZendeskStore _store;
    private readonly FakeZendeskApi _api;
    private readonly FakeZendeskOAuth _oauth;
    private readonly Dictionary<string, (string Body, FakeZendeskResponse Answer)> _idempotent = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _throttleNext;
    private DateTimeOffset _window = DateTimeOffset.MinValue;
    private int _windowCount;

    private FakeZendeskServer(FakeZendeskOptions options)
    {
        Options = options;
        _store = new FakeZendeskStore(options, TimeProvider.System);
        _oauth = new FakeZendeskOAuth(options);
        _api = new FakeZendeskApi(_store, options, new FakeZendeskJobs(), () => AdminId);
        AdminId = _store.AddUser("Integration Admin", options.AdminEmail, null, null, "admin").Id;
        AgentId = _store.AddUser("Ann Agent", "ann.agent@contoso.example", null, null, "agent").Id;
    }

    public FakeZendeskOptions Options { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>: the account's base URL.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The admin the API token acts as.</summary>
    public long AdminId { get; }

    /// <summary>An agent (a valid author and answered_by_id).</summary>
    public long AgentId { get; }

    public IReadOnlyList<FakeZendeskRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>API calls made (token exchanges excluded), as the account's limit counts them.</summary>
    public int ApiRequestCount => Requests.Count(r => r.IsApiCall);

    public int TokenRequestCount => Requests.Count(r => r.IsTokenRequest);

    /// <summary>What Talk Partner Edition's agent display showed (screen-pops), in order.</summary>
    public IReadOnlyList<FakeZendeskDisplay> Displays
    {
        get
        {
            lock (_lock)
            {
                return _api.Displays.ToList();
            }
        }
    }

    /// <summary>Per create_many / update_many request, the connector keys its items carried.</summary>
    public IReadOnlyList<IReadOnlyList<string>> BatchedKeys
    {
        get
        {
            lock (_lock)
            {
                return _api.BatchedKeys.ToList();
            }
        }
    }

    public static async Task<FakeZendeskServer> StartAsync(FakeZendeskOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeZendeskServer(options ?? new FakeZendeskOptions());
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    /// <summary>
    /// The connector's configuration for this account (<c>Crm:Provider</c> and <c>Crm:Zendesk:*</c>), with the API
    /// token, or with OAuth (refresh token exchanged at this server's <c>/oauth/tokens</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ConnectorSettings(bool oauth = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Crm:Provider"] = "Zendesk",
            ["Crm:Zendesk:BaseUrl"] = BaseUrl.ToString(),
            ["Crm:Zendesk:JobPollInterval"] = "00:00:00.050",
        };
        if (oauth)
        {
            settings["Crm:Zendesk:OAuthClientId"] = Options.OAuthClientId;
            settings["Crm:Zendesk:OAuthClientSecret"] = Options.OAuthClientSecret;
            settings["Crm:Zendesk:OAuthRefreshToken"] = Options.OAuthRefreshToken;
        }
        else
        {
            settings["Crm:Zendesk:Email"] = Options.AdminEmail;
            settings["Crm:Zendesk:ApiToken"] = Options.ApiToken;
        }

        return settings;
    }

    /// <summary>An end-user as an admin would add one (phone as typed, e.g. <c>(513) 555-7611</c>); returns the id.</summary>
    public long SeedUser(string name, string? phone, string? email, string role = "end-user")
    {
        lock (_lock)
        {
            return _store.AddUser(name, email, phone, null, role).Id;
        }
    }

    /// <summary>Adds an identity (a second phone or email) to a user, as an agent would.</summary>
    public void AddIdentity(long userId, string type, string value)
    {
        lock (_lock)
        {
            _store.AddIdentity(_store.User(userId) ?? throw new InvalidOperationException($"No user {userId}."), type, value);
        }
    }

    /// <summary>A ticket as Zendesk holds it, created as an agent would (not counted as an API call).</summary>
    public long SeedTicket(long requesterId, string? externalId, string subject, string status = "open", int commentCount = 1)
    {
        lock (_lock)
        {
            var (ticket, refusal) = FakeZendeskTickets.Create(_store, new JsonObject
            {
                ["requester_id"] = requesterId,
                ["external_id"] = externalId,
                ["subject"] = subject,
                ["status"] = status,
                ["comment"] = new JsonObject { ["body"] = subject, ["public"] = true },
            }, AdminId);
            if (refusal is not null)
            {
                throw new InvalidOperationException(refusal.Body?.ToJsonString());
            }

            ticket!.SeededComments = commentCount - 1;
            return ticket.Id;
        }
    }

    /// <summary>Sets how many comments Zendesk counts on a ticket (so a test reaches the 5,000 ceiling without 5,000 requests).</summary>
    public void SetCommentCount(long ticketId, int count)
    {
        lock (_lock)
        {
            var ticket = _store.Ticket(ticketId) ?? throw new InvalidOperationException($"No ticket {ticketId}.");
            ticket.SeededComments = Math.Max(0, count - ticket.Comments.Count());
        }
    }

    public IReadOnlyList<FakeZendeskUser> Users()
    {
        lock (_lock)
        {
            return _store.Users.ToList();
        }
    }

    public IReadOnlyList<FakeZendeskTicket> Tickets()
    {
        lock (_lock)
        {
            return _store.Tickets.ToList();
        }
    }

    /// <summary>A ticket's state as JSON plus its audits, read as a client would read them.</summary>
    public FakeZendeskTicket? Ticket(long id)
    {
        lock (_lock)
        {
            return _store.Ticket(id);
        }
    }

    /// <summary>An access token for clients that are handed one.</summary>
    public string IssueAccessToken()
    {
        lock (_lock)
        {
            return _oauth.Issue();
        }
    }

    /// <summary>Every access token issued so far stops working (the next call answers 401 invalid_token).</summary>
    public void ExpireTokens()
    {
        lock (_lock)
        {
            _oauth.ExpireAll();
        }
    }

    /// <summary>The next <paramref name="count"/> API calls answer Zendesk's plain-text 429 with Retry-After.</summary>
    public void ThrottleNext(int count)
    {
        lock (_lock)
        {
            _throttleNext += count;
        }
    }

    /// <summary>In the next create_many / update_many whose item's JSON contains <paramref name="contains"/>, that item fails once.</summary>
    public void FailBatchItemOnce(string contains)
    {
        lock (_lock)
        {
            _api.ItemFaults.Add(contains);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseUrl = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)) + "/");
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var path = request.Path.Value ?? "/";
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            path = path[..^".json".Length];
        }

        var record = new FakeZendeskRequest
        {
            Method = request.Method,
            Path = path,
            Target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            Body = body,
        };
        FakeZendeskResponse answer;
        lock (_lock)
        {
            _requests.Add(record);
            answer = Answer(request, record, body);
        }

        record.StatusCode = answer.Status;
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Text is not null)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(answer.Text, Encoding.UTF8, context.RequestAborted);
        }
        else if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.Body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
        }
    }

    private FakeZendeskResponse Answer(HttpRequest request, FakeZendeskRequest record, byte[] body)
    {
        if (record.IsTokenRequest)
        {
            return request.Method == "POST" ? _oauth.Answer(Form(request, body)) : FakeZendeskResponse.Error(405, "MethodNotAllowed", "Use POST");
        }

        if (!record.IsApiCall)
        {
            return FakeZendeskResponse.Error(404, "InvalidEndpoint", "Not found");
        }

        if (Authenticate(request.Headers.Authorization.ToString()) is { } refusal)
        {
            return refusal;
        }

        var answer = Limit() ?? Idempotent(request, body, () => _api.Handle(
            request.Method, record.Path, request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal), body, request.ContentType));
        answer.Headers["X-Rate-Limit"] = Options.RequestsPerMinute.ToString(CultureInfo.InvariantCulture);
        answer.Headers["X-Rate-Limit-Remaining"] = Math.Max(0, Options.RequestsPerMinute - _windowCount).ToString(CultureInfo.InvariantCulture);
        return answer;
    }

    /// <summary>Basic <c>{email}/token:{api_token}</c> or a live Bearer token; anything else is Zendesk's 401.</summary>
    private FakeZendeskResponse? Authenticate(string authorization)
    {
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return _oauth.IsValid(authorization["Bearer ".Length..].Trim())
                ? null
                : FakeZendeskResponse.Json(401, new JsonObject { ["error"] = "invalid_token", ["error_description"] = "The access token provided is expired, revoked, malformed or invalid for other reasons." });
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            }
            catch (FormatException)
            {
                decoded = "";
            }

            if (decoded == $"{Options.AdminEmail}/token:{Options.ApiToken}")
            {
                return null;
            }
        }

        return FakeZendeskResponse.Json(401, new JsonObject { ["error"] = "Couldn't authenticate you" });
    }

    /// <summary>The account's per-minute allowance, and the storms tests ask for: a plain-text 429 with Retry-After.</summary>
    private FakeZendeskResponse? Limit()
    {
        var now = DateTimeOffset.UtcNow;
        if (now - _window >= TimeSpan.FromMinutes(1))
        {
            _window = now;
            _windowCount = 0;
        }

        if (_throttleNext > 0)
        {
            _throttleNext--;
            return FakeZendeskResponse.TooManyRequests("Number of allowed API requests per minute exceeded", 1);
        }

        if (++_windowCount > Options.RequestsPerMinute)
        {
            var wait = (int)Math.Ceiling((_window + TimeSpan.FromMinutes(1) - now).TotalSeconds);
            return FakeZendeskResponse.TooManyRequests("Number of allowed API requests per minute exceeded", Math.Max(1, wait));
        }

        return null;
    }

    /// <summary>
    /// Ticket creation with an Idempotency-Key: the same key and body answer what the first request did
    /// (<c>x-idempotency-lookup: hit</c>); the same key with another body is refused.
    /// </summary>
    private FakeZendeskResponse Idempotent(HttpRequest request, byte[] body, Func<FakeZendeskResponse> handle)
    {
        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0 || request.Method != "POST" || (request.Path.Value ?? "").TrimEnd('/') is not ("/api/v2/tickets" or "/api/v2/tickets.json"))
        {
            return handle();
        }

        var text = Encoding.UTF8.GetString(body);
        if (_idempotent.TryGetValue(key, out var earlier))
        {
            if (earlier.Body != text)
            {
                return FakeZendeskResponse.Error(400, "IdempotentRequestError", "Request parameters don't match the given idempotency key");
            }

            var replay = new FakeZendeskResponse(earlier.Answer.Status, earlier.Answer.Body?.DeepClone(), earlier.Answer.Text);
            replay.Headers["x-idempotency-lookup"] = "hit";
            return replay;
        }

        var answer = handle();
        if (answer.Status is >= 200 and < 300)
        {
            _idempotent[key] = (text, answer);
        }

        answer.Headers["x-idempotency-lookup"] = "miss";
        return answer;
    }

    private static Dictionary<string, string> Form(HttpRequest request, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return (JsonNode.Parse(text) as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);
            }
            catch (JsonException)
            {
                return [];
            }
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }
}
