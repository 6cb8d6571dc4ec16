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

namespace Connector.Fakes.Crm.HubSpot;

/// <summary>
/// A HubSpot account over loopback, speaking the documented wire format: OAuth refresh-token grant and a private
/// app's token, CRM v3 objects (create, read, update, batch create/read/update/upsert, search with filter groups),
/// v4 associations, Files v3 (multipart upload, signed links), owners and call outcomes. It enforces Bearer tokens,
/// the rolling ten-second limit (with the <c>X-HubSpot-RateLimit-*</c> headers and the 429 body with
/// <c>policyName</c>), the search endpoint's per-second limit and the daily allocation; new records reach search only
/// after the index lag. Control surface for tests: seed records, limit storms, expired tokens, one failing input in
/// a batch, the requests received and the stored records.
/// </summary>
public sealed class FakeHubSpotServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<FakeHubSpotRequest> _requests = [];
    private readonly FakeHubSpotStore _store;
    private readonly FakeHubSpotApi _api;
    private readonly FakeHubSpotFiles _files;
    private readonly FakeHubSpotOAuth _oauth;
    private readonly FakeHubSpotRateLimits _limits;
    private WebApplication? _app;
    private int _throttleNext;

    private FakeHubSpotServer(FakeHubSpotOptions options)
    {
        Options = options;
        _store = new FakeHubSpotStore(options, new FakeHubSpotSchema(options));
        _api = new FakeHubSpotApi(_store, options);
        _files = new FakeHubSpotFiles(_store, options, () => BaseUrl);
        _oauth = new FakeHubSpotOAuth(options);
        _limits = new FakeHubSpotRateLimits(options);
    }

    public FakeHubSpotOptions Options { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>: the API host and the token endpoint's.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<FakeHubSpotRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>API calls received with a valid token (token requests and signed links excluded), as HubSpot counts them.</summary>
    public int ApiRequestCount => Requests.Count(r => r.IsApiCall);

    public int TokenRequestCount => Requests.Count(r => r.IsToken);

    /// <summary>429s the limits answered (rolling window, search, daily), not the ones <see cref="ThrottleNext"/> injected.</summary>
    public int RateLimitRefusals
    {
        get
        {
            lock (_lock)
            {
                return _limits.Refused;
            }
        }
    }

    /// <summary>The idProperty values of each batch upsert received, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> UpsertBatches
    {
        get
        {
            lock (_lock)
            {
                return _api.UpsertBatches.ToList();
            }
        }
    }

    public static async Task<FakeHubSpotServer> StartAsync(FakeHubSpotOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeHubSpotServer(options ?? new FakeHubSpotOptions());
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    /// <summary>
    /// The connector's configuration for this account (<c>Crm:Provider</c> and <c>Crm:HubSpot:*</c>, OAuth with the
    /// install's refresh token), e.g. as environment variables of a Worker process (replace <c>:</c> with <c>__</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ConnectorSettings() => new Dictionary<string, string?>
    {
        ["Crm:Provider"] = "HubSpot",
        ["Crm:HubSpot:BaseUrl"] = BaseUrl.ToString(),
        ["Crm:HubSpot:ClientId"] = Options.ClientId,
        ["Crm:HubSpot:ClientSecret"] = Options.ClientSecret,
        ["Crm:HubSpot:RefreshToken"] = Options.RefreshToken,
        ["Crm:HubSpot:KeyProperty"] = Options.KeyProperty,
        ["Crm:HubSpot:CustomerIdProperty"] = Options.CustomerIdProperty,
    };

    /// <summary>The stored records of one object type (copies), e.g. <c>Records("calls")</c>.</summary>
    public IReadOnlyList<FakeHubSpotObject> Records(string type)
    {
        lock (_lock)
        {
            return _store.OfType(type).Select(r => r.Clone()).ToList();
        }
    }

    public IReadOnlyList<FakeHubSpotFile> Files
    {
        get
        {
            lock (_lock)
            {
                return _store.Files.ToList();
            }
        }
    }

    /// <summary>The ids of <paramref name="toType"/> records associated with a record, whichever side wrote the association.</summary>
    public IReadOnlyList<string> Associated(string type, string id, string toType)
    {
        lock (_lock)
        {
            return _store.Associated(type, id, toType);
        }
    }

    /// <summary>
    /// Adds a record as an admin or an import would: no validation, and already in the search index unless
    /// <paramref name="indexed"/> is false (a record another integration wrote a moment ago).
    /// </summary>
    public string Seed(string type, IReadOnlyDictionary<string, string?> properties, bool indexed = true)
    {
        lock (_lock)
        {
            return _store.Add(type, properties, indexed).Id;
        }
    }

    /// <summary>An OAuth access token, for clients that are handed one (the conformance script).</summary>
    public string IssueAccessToken() => _oauth.Issue();

    /// <summary>Every OAuth token issued so far stops working: the next API call answers 401.</summary>
    public void ExpireSessions() => _oauth.ExpireAll();

    /// <summary>The next <paramref name="count"/> API calls answer 429 TEN_SECONDLY_ROLLING (another app spent the shared budget).</summary>
    public void ThrottleNext(int count)
    {
        lock (_lock)
        {
            _throttleNext += count;
        }
    }

    /// <summary>Sets the daily usage (e.g. at the allocation, so the next call answers 429 DAILY).</summary>
    public void SetDailyUsage(int used)
    {
        lock (_lock)
        {
            _limits.DailyUsed = used;
        }
    }

    /// <summary>Inside the next batch upsert carrying it, the input whose idProperty value is <paramref name="key"/> fails once (207).</summary>
    public void FailBatchInputOnce(string key)
    {
        lock (_lock)
        {
            _api.FailingInputs.Add(key);
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
            kestrel.Limits.MaxRequestBodySize = 512L * 1024 * 1024;
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
        var record = new FakeHubSpotRequest
        {
            Method = request.Method,
            Path = request.Path.Value ?? "/",
            Query = request.QueryString.Value ?? "",
            Body = buffer.ToArray(),
            ReceivedAt = Options.Clock.GetUtcNow(),
        };
        lock (_lock)
        {
            _requests.Add(record);
        }

        var (answer, rateHeaders) = Answer(context, record);
        record.StatusCode = answer.Status;
        context.Response.StatusCode = answer.Status;
        if (rateHeaders is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }
        }

        if (answer.Raw is not null)
        {
            context.Response.ContentType = answer.ContentType ?? "application/octet-stream";
            await context.Response.Body.WriteAsync(answer.Raw, context.RequestAborted);
        }
        else if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json;charset=utf-8";
            await context.Response.WriteAsync(answer.Body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
        }
    }

    private (FakeHubSpotResponse Answer, Dictionary<string, string>? RateHeaders) Answer(HttpContext context, FakeHubSpotRequest record)
    {
        var request = context.Request;
        var segments = record.Path.Trim('/').Split('/');
        if (record.IsToken)
        {
            if (record.Path != "/oauth/v1/token" || request.Method != "POST" || !request.HasFormContentType)
            {
                return (FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", "POST application/x-www-form-urlencoded to /oauth/v1/token"), null);
            }

            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Encoding.UTF8.GetString(record.Body))
                .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
            return (_oauth.Answer(form), null);
        }

        if (segments is ["signed", var token, ..] && request.Method == "GET")
        {
            lock (_lock)
            {
                return (_files.Serve(token), null);
            }
        }

        if (_oauth.Check(request.Headers.Authorization.ToString()) is { } unauthorized)
        {
            return (unauthorized, null);
        }

        lock (_lock)
        {
            record.IsApiCall = true;
            var now = Options.Clock.GetUtcNow();
            if (_throttleNext > 0)
            {
                _throttleNext--;
                return (FakeHubSpotResponse.RateLimited("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit."), RateHeaders(now));
            }

            if (_limits.Admit(now, record.IsSearch) is { } refused)
            {
                return (refused, record.IsSearch ? null : RateHeaders(now));
            }

            // The search endpoint answers without the rate headers.
            return (Route(request.Method, segments, record, request.ContentType, request.Query, now), record.IsSearch ? null : RateHeaders(now));
        }
    }

    private FakeHubSpotResponse Route(string method, string[] segments, FakeHubSpotRequest record, string? contentType, IQueryCollection query, DateTimeOffset now)
    {
        JsonObject Body() => (record.Body.Length == 0 ? null : JsonNode.Parse(record.Body) as JsonObject) ?? [];
        IReadOnlyList<string>? Properties() => query.TryGetValue("properties", out var p) ? p.SelectMany(v => (v ?? "").Split(',')).ToList() : null;
        try
        {
            switch (method, segments)
            {
                case ("POST", ["oauth", ..]):
                    return FakeHubSpotResponse.NotFound();
                case ("GET", ["crm", "v3", "owners"]):
                    return new FakeHubSpotResponse(200, new JsonObject
                    {
                        ["results"] = new JsonArray(new JsonObject { ["id"] = Options.OwnerId, ["email"] = "agent@example.com", ["firstName"] = "Ann", ["lastName"] = "Agent", ["archived"] = false }),
                    });
                case ("GET", ["calling", "v1", "dispositions"]):
                    return new FakeHubSpotResponse(200, new JsonArray(Options.CallOutcomes.Select(o => (JsonNode)new JsonObject { ["id"] = o.Value, ["label"] = o.Key }).ToArray()));
                case (_, ["crm", "v3", "objects", var type, ..]) when !_store.Schema.Knows(type):
                    return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"Unable to infer object type from: {type}");
                case ("POST", ["crm", "v3", "objects", var type, "search"]):
                    return FakeHubSpotSearch.Run(type, Body(), _store, now);
                case ("POST", ["crm", "v3", "objects", var type, "batch", var operation]):
                    return _api.Batch(type, operation, Body());
                case ("POST", ["crm", "v3", "objects", var type]):
                    return _api.Create(type, Body());
                case ("GET", ["crm", "v3", "objects", var type, var id]):
                    return _api.Read(type, id, query["idProperty"].FirstOrDefault(), Properties());
                case ("PATCH", ["crm", "v3", "objects", var type, var id]):
                    return _api.Update(type, id, Body());
                case ("POST", ["crm", "v4", "associations", var from, var to, "batch", "create"]) when _store.Schema.Knows(from) && _store.Schema.Knows(to):
                    return _api.Associate(from, to, Body());
                case ("PUT", ["crm", "v4", "objects", var from, var fromId, "associations", "default", var to, var toId]):
                    return _api.AssociateDefault(from, fromId, to, toId);
                case ("POST", ["files", "v3", "files"]):
                    return _files.Upload(record.Body, contentType);
                case ("GET", ["files", "v3", "files", var id, "signed-url"]):
                    return _files.SignedUrl(id, query["expirationSeconds"].FirstOrDefault());
                default:
                    return FakeHubSpotResponse.NotFound($"No route for {method} {record.Path}");
            }
        }
        catch (JsonException ex)
        {
            return FakeHubSpotResponse.Error(400, "VALIDATION_ERROR", $"Invalid input JSON on line 1: {ex.Message}");
        }
    }

    private Dictionary<string, string> RateHeaders(DateTimeOffset now) => new(StringComparer.Ordinal)
    {
        ["X-HubSpot-RateLimit-Interval-Milliseconds"] = ((long)Options.RateLimitInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ["X-HubSpot-RateLimit-Max"] = Options.RequestsPerInterval.ToString(CultureInfo.InvariantCulture),
        ["X-HubSpot-RateLimit-Remaining"] = _limits.Remaining(now).ToString(CultureInfo.InvariantCulture),
        ["X-HubSpot-RateLimit-Daily"] = Options.DailyLimit.ToString(CultureInfo.InvariantCulture),
        ["X-HubSpot-RateLimit-Daily-Remaining"] = Math.Max(0, Options.DailyLimit - _limits.DailyUsed).ToString(CultureInfo.InvariantCulture),
    };
}
