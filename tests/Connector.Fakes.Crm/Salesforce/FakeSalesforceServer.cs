using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>
/// A Salesforce org over loopback, speaking the documented wire format: the OAuth token endpoint (JWT bearer
/// verified with the connected app's certificate, client credentials), query, search, sObjects with external-id
/// upsert, Composite, sObject Collections and ContentVersion (JSON and multipart). It enforces Bearer sessions and
/// the daily API allocation (Sforce-Limit-Info on every answer), answers with Salesforce's error bodies, and has a
/// control surface for tests: seed records, limit storms, expired sessions, failing one Composite subrequest,
/// request counts by kind, and the stored records.
/// One server is both the login host and the instance (<see cref="BaseUrl"/>).
/// </summary>
public sealed class FakeSalesforceServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<FakeSalesforceRequest> _requests = [];
    private readonly List<FakeSalesforceFault> _faults = [];
    private readonly List<FakeSalesforceFault> _subrequestFaults = [];
    private readonly List<IReadOnlyList<JsonObject>> _composites = [];
    private readonly FakeSalesforceStore _store;
    private readonly FakeSalesforceRestApi _api;
    private readonly FakeSalesforceOAuth _oauth;
    private WebApplication? _app;
    private int _apiUsage;

    private readonly FakeSalesforceCertificate? _ownCertificate;
    private readonly List<string> _keyFiles = [];

    private FakeSalesforceServer(FakeSalesforceOptions options)
    {
        if (options.Certificate is null)
        {
            // No certificate given: the connected app gets its own, and tests sign with its key (WritePrivateKeyFile).
            _ownCertificate = FakeSalesforceCertificate.Create();
            options = options.WithCertificate(_ownCertificate.Certificate);
        }

        Options = options;
        _store = new FakeSalesforceStore(new FakeSalesforceSchema(options.ExternalIdField), options.Clock);
        _api = new FakeSalesforceRestApi(_store, options.ApiVersions, () => Volatile.Read(ref _apiUsage), options.DailyApiLimit);
        _oauth = new FakeSalesforceOAuth(options, () => BaseUrl);
        IntegrationUserId = _store.Seed("User", new JsonObject { ["Username"] = options.Username, ["LastName"] = "Integration", ["IsActive"] = true }).Id;
    }

    public FakeSalesforceOptions Options { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>: the login URL and the instance_url of every session.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The integration user's id (a valid OwnerId).</summary>
    public string IntegrationUserId { get; }

    public IReadOnlyList<FakeSalesforceRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>API calls made (everything except the token endpoint), as counted against the daily allocation.</summary>
    public int ApiRequestCount => Requests.Count(r => r.IsApiCall);

    public int TokenRequestCount => CountRequests(FakeSalesforceRequestKind.Token);

    /// <summary>Sessions issued by the token endpoint (or <see cref="IssueAccessToken"/>).</summary>
    public int TokensIssued => _oauth.Issued;

    /// <summary>Each Composite request received (valid ones), as its list of subrequests.</summary>
    public IReadOnlyList<IReadOnlyList<JsonObject>> CompositeRequests
    {
        get
        {
            lock (_lock)
            {
                return _composites.ToList();
            }
        }
    }

    public static async Task<FakeSalesforceServer> StartAsync(FakeSalesforceOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeSalesforceServer(options ?? new FakeSalesforceOptions());
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    public int CountRequests(FakeSalesforceRequestKind kind) => Requests.Count(r => r.Kind == kind);

    /// <summary>
    /// Writes the connected app's private key to a temporary PEM file (deleted when the server stops), for
    /// <c>Crm:Salesforce:PrivateKeyPath</c>. Only when the server made its own certificate (none in the options).
    /// </summary>
    public string WritePrivateKeyFile()
    {
        var path = (_ownCertificate ?? throw new InvalidOperationException("The certificate came with the options: sign with its own private key.")).WritePrivateKeyFile();
        lock (_lock)
        {
            _keyFiles.Add(path);
        }

        return path;
    }

    /// <summary>
    /// The connector's configuration for this org (<c>Crm:Provider</c> and <c>Crm:Salesforce:*</c>, JWT bearer flow), e.g.
    /// as environment variables of a Worker process (replace <c>:</c> with <c>__</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ConnectorSettings(string? privateKeyPath = null) => new Dictionary<string, string?>
    {
        ["Crm:Provider"] = "Salesforce",
        ["Crm:Salesforce:LoginUrl"] = BaseUrl.ToString(),
        ["Crm:Salesforce:ClientId"] = Options.ClientId,
        ["Crm:Salesforce:Username"] = Options.Username,
        ["Crm:Salesforce:PrivateKeyPath"] = privateKeyPath ?? WritePrivateKeyFile(),
        ["Crm:Salesforce:JwtAudience"] = Options.Audience,
        ["Crm:Salesforce:ExternalIdField"] = Options.ExternalIdField,
        ["Crm:Salesforce:ApiVersion"] = "v62.0",
    };

    /// <summary>The stored records of one type (copies), e.g. <c>Records("Task")</c>.</summary>
    public IReadOnlyList<FakeSalesforceRecord> Records(string type)
    {
        lock (_lock)
        {
            return _store.OfType(type).Select(r => r.Clone()).ToList();
        }
    }

    public FakeSalesforceRecord? FindRecord(string id)
    {
        lock (_lock)
        {
            return _store.Find(id)?.Clone();
        }
    }

    /// <summary>Adds a record as an admin would (no validation, so even two records with one external id), returning its id.</summary>
    public string Seed(string type, JsonObject fields)
    {
        lock (_lock)
        {
            return _store.Seed(type, fields).Id;
        }
    }

    /// <summary>A session for clients that are handed a token (the conformance scripts).</summary>
    public string IssueAccessToken() => _oauth.Issue();

    /// <summary>Every session issued so far becomes invalid: the next API call answers 401 INVALID_SESSION_ID.</summary>
    public void ExpireSessions() => _oauth.ExpireAll();

    /// <summary>Sets the usage reported in Sforce-Limit-Info (e.g. just under the daily allocation).</summary>
    public void SetApiUsage(int used) => Volatile.Write(ref _apiUsage, used);

    /// <summary>The next <paramref name="count"/> API calls answer 403 REQUEST_LIMIT_EXCEEDED (Salesforce sends no Retry-After).</summary>
    public void ThrottleNext(int count, bool concurrencyLimit = false)
    {
        var message = concurrencyLimit ? "ConcurrentPerOrgLongTxn Limit exceeded." : "TotalRequests Limit exceeded.";
        FailNext(count, FakeSalesforceResponse.Error(403, "REQUEST_LIMIT_EXCEEDED", message));
    }

    /// <summary>The next <paramref name="count"/> API calls whose path and query contain <paramref name="targetContains"/> answer this.</summary>
    public void FailNext(int count, FakeSalesforceResponse answer, string? targetContains = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Add(new FakeSalesforceFault((_, target) => targetContains is null || target.Contains(targetContains, StringComparison.Ordinal), answer));
            }
        }
    }

    /// <summary>
    /// The next Composite subrequest whose URL or body contains <paramref name="contains"/> (e.g. an external id value)
    /// fails once, by default with UNABLE_TO_LOCK_ROW (another transaction holds the row), while the rest of the
    /// request goes through.
    /// </summary>
    public void FailSubrequestOnce(string contains, FakeSalesforceResponse? answer = null)
    {
        var failure = answer ?? FakeSalesforceResponse.Error(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records");
        var encoded = Uri.EscapeDataString(contains);
        lock (_lock)
        {
            _subrequestFaults.Add(new FakeSalesforceFault(
                (_, text) => text.Contains(contains, StringComparison.Ordinal) || text.Contains(encoded, StringComparison.Ordinal), failure));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        foreach (var path in _keyFiles)
        {
            File.Delete(path);
        }

        _ownCertificate?.Dispose();
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
        var body = buffer.ToArray();
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var path = request.Path.Value ?? "/";
        var record = new FakeSalesforceRequest { Method = request.Method, Target = target, Path = path, Kind = KindOf(request.Method, path), Body = body };
        lock (_lock)
        {
            _requests.Add(record);
        }

        var answer = Answer(context, record, body);
        record.StatusCode = answer.Status;
        context.Response.StatusCode = answer.Status;
        if (record.IsApiCall && path.StartsWith("/services/data/v", StringComparison.Ordinal))
        {
            context.Response.Headers["Sforce-Limit-Info"] = $"api-usage={Volatile.Read(ref _apiUsage).ToString(CultureInfo.InvariantCulture)}/{Options.DailyApiLimit.ToString(CultureInfo.InvariantCulture)}";
        }

        if (answer.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json;charset=UTF-8";
            await context.Response.WriteAsync(answer.Body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
        }
    }

    private FakeSalesforceResponse Answer(HttpContext context, FakeSalesforceRequest record, byte[] body)
    {
        var request = context.Request;
        if (record.Kind == FakeSalesforceRequestKind.Token)
        {
            if (request.Method != "POST" || request.HasFormContentType is false)
            {
                return new FakeSalesforceResponse(400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "must use HTTP POST with application/x-www-form-urlencoded" });
            }

            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body))
                .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
            return _oauth.Answer(form);
        }

        if (record.Path is "/services/data" or "/services/data/")
        {
            return new FakeSalesforceResponse(200, new JsonArray(Options.ApiVersions.Select(v => (JsonNode?)new JsonObject
            {
                ["label"] = "Fake",
                ["url"] = $"/services/data/{v}",
                ["version"] = v[1..],
            }).ToArray()));
        }

        if (record.Path.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["services", "data", var version, ..] && !Options.ApiVersions.Contains(version, StringComparer.Ordinal))
        {
            return FakeSalesforceResponse.NotFound();
        }

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !_oauth.IsValid(authorization["Bearer ".Length..].Trim()))
        {
            return FakeSalesforceResponse.Error(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }

        lock (_lock)
        {
            if (TakeFault(_faults, request.Method, record.Target) is { } fault)
            {
                return fault;
            }

            if (Interlocked.Increment(ref _apiUsage) > Options.DailyApiLimit)
            {
                return FakeSalesforceResponse.Error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            }

            if (record.Kind == FakeSalesforceRequestKind.Composite)
            {
                return FakeSalesforceComposite.Run(body, _store, _api, (method, text) => TakeFault(_subrequestFaults, method, text), _composites);
            }

            return _api.Handle(request.Method, record.Target, body, request.ContentType);
        }
    }

    private static FakeSalesforceResponse? TakeFault(List<FakeSalesforceFault> faults, string method, string target)
    {
        var index = faults.FindIndex(f => f.Matches(method, target));
        if (index < 0)
        {
            return null;
        }

        var fault = faults[index];
        faults.RemoveAt(index);
        return fault.Answer;
    }

    private static FakeSalesforceRequestKind KindOf(string method, string path)
    {
        if (path.StartsWith("/services/oauth2/token", StringComparison.Ordinal))
        {
            return FakeSalesforceRequestKind.Token;
        }

        var segments = path.Trim('/').Split('/');
        var resource = segments.Length > 3 ? segments[3] : "";
        return resource switch
        {
            "query" or "queryAll" => FakeSalesforceRequestKind.Query,
            "search" or "parameterizedSearch" => FakeSalesforceRequestKind.Search,
            "sobjects" => FakeSalesforceRequestKind.SObject,
            "composite" when segments.Length > 4 && segments[4] == "sobjects" => FakeSalesforceRequestKind.Collection,
            "composite" when method == "POST" && segments.Length == 4 => FakeSalesforceRequestKind.Composite,
            "limits" => FakeSalesforceRequestKind.Limits,
            _ => FakeSalesforceRequestKind.Other,
        };
    }
}
