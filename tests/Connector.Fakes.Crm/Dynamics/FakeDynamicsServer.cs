using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Fakes.Crm.Dynamics;

/// <summary>
/// A Dataverse environment over loopback, with its Entra ID token endpoint: the Web API v9.2 as documented (OData
/// headers, queries with a <c>$filter</c> subset, create and upsert with <c>If-Match</c>/<c>If-None-Match</c>,
/// <c>@odata.bind</c>, 204 + <c>OData-EntityId</c>, <c>$batch</c> with change sets and Content-ID references,
/// CloseIncident, annotation block uploads), Bearer tokens, service protection 429s with Retry-After (requests and
/// concurrency), OData error bodies. It refuses a raw <c>+</c> in a query: Dataverse would read it as a space and
/// silently find nobody. Control surface for tests: seed rows, limit storms, expired tokens, a failing request inside
/// a change set, request counts and the stored rows. One server is both the authority host and the environment.
/// </summary>
public sealed class FakeDynamicsServer : IAsyncDisposable
{
    public const string ApiVersion = "v9.2";

    private readonly Lock _lock = new();
    private readonly List<FakeDynamicsRequest> _requests = [];
    private readonly List<IReadOnlyList<FakeDynamicsBatch.Part>> _batches = [];
    private readonly List<string> _partFaults = [];
    private readonly FakeDynamicsStore _store = new();
    private readonly FakeDynamicsSchema _schema;
    private readonly FakeDynamicsWebApi _api;
    private readonly FakeDynamicsEntraId _entra;
    private WebApplication? _app;
    private int _throttle;
    private int _inFlight;
    private int _maxInFlight;

    private FakeDynamicsServer(FakeDynamicsOptions options)
    {
        Options = options;
        _schema = new FakeDynamicsSchema(options.KeyColumn, options.CustomActivityTable);
        ApplicationUserId = Guid.NewGuid();
        _api = new FakeDynamicsWebApi(_store, _schema, options, () => ApiRoot, ApplicationUserId);
        _entra = new FakeDynamicsEntraId(options, () => BaseUrl);
        _store.Put(new FakeDynamicsRecord("systemuser", ApplicationUserId, new JsonObject { ["fullname"] = "# Contact centre connector" }));
        AgentUserId = Seed("systemuser", new JsonObject { ["fullname"] = "Ann Agent", ["azureactivedirectoryobjectid"] = Guid.NewGuid().ToString("D") });
    }

    public FakeDynamicsOptions Options { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>: the authority host and the environment URL.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiRoot => new(BaseUrl, $"api/data/{ApiVersion}/");

    /// <summary>The application user the app registration signs in as (the default owner of what it writes).</summary>
    public Guid ApplicationUserId { get; }

    /// <summary>A licensed user, to name as an agent.</summary>
    public Guid AgentUserId { get; }

    public IReadOnlyList<FakeDynamicsRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Web API requests (a <c>$batch</c> counts once), as counted against the service protection limits.</summary>
    public int ApiRequestCount => Requests.Count(r => !r.IsToken);

    public int TokenRequestCount => Requests.Count(r => r.IsToken);

    public int TokensIssued => _entra.Issued;

    /// <summary>The most requests that were in flight at once.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>Each <c>$batch</c> received, as its parts (requests), in order.</summary>
    public IReadOnlyList<IReadOnlyList<FakeDynamicsBatch.Part>> Batches
    {
        get
        {
            lock (_lock)
            {
                return _batches.ToList();
            }
        }
    }

    public static async Task<FakeDynamicsServer> StartAsync(FakeDynamicsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeDynamicsServer(options ?? new FakeDynamicsOptions());
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    /// <summary>A refusal of a query with a raw <c>+</c>, which Dataverse would decode as a space.</summary>
    public static FakeDynamicsResponse RawPlusRefusal() => FakeDynamicsErrors.QueryError(
        "The query string holds a raw '+', which URL decoding reads as a space (so '+4420…' would match nothing): send it as %2B.");

    /// <summary>
    /// The connector's configuration for this environment (<c>Crm:Provider</c> and <c>Crm:Dynamics:*</c>, client secret),
    /// e.g. as environment variables of a Worker process (replace <c>:</c> with <c>__</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ConnectorSettings(bool withKeyColumn = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Crm:Provider"] = "Dynamics",
            ["Crm:Dynamics:OrganizationUrl"] = BaseUrl.ToString(),
            ["Crm:Dynamics:AuthorityHost"] = BaseUrl.ToString(),
            ["Crm:Dynamics:TenantId"] = Options.TenantId,
            ["Crm:Dynamics:ClientId"] = Options.ClientId,
            ["Crm:Dynamics:ClientSecret"] = Options.ClientSecret,
            ["Crm:Dynamics:ApiVersion"] = ApiVersion,
            ["Crm:Dynamics:MaxUploadBytes"] = Options.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (withKeyColumn)
        {
            settings["Crm:Dynamics:KeyColumn"] = Options.KeyColumn;
        }

        return settings;
    }

    /// <summary>The stored rows of a table (copies), oldest first, e.g. <c>Records("phonecall")</c>.</summary>
    public IReadOnlyList<FakeDynamicsRecord> Records(string table)
    {
        lock (_lock)
        {
            return _store.OfTable(table).Select(r => r.Clone()).ToList();
        }
    }

    public FakeDynamicsRecord? Find(string table, Guid id)
    {
        lock (_lock)
        {
            return _store.Find(table, id)?.Clone();
        }
    }

    /// <summary>Adds a row as an admin would (no checks), returning its id.</summary>
    public Guid Seed(string table, JsonObject fields)
    {
        var id = Guid.NewGuid();
        if (table == "contact")
        {
            fields["fullname"] = $"{fields["firstname"]} {fields["lastname"]}".Trim();
        }

        fields["_ownerid_value"] ??= ApplicationUserId.ToString("D");
        lock (_lock)
        {
            _store.Put(new FakeDynamicsRecord(table, id, fields));
        }

        return id;
    }

    public Guid SeedContact(string firstName, string lastName, string? phone, string? email, string phoneColumn = "telephone1") =>
        Seed("contact", new JsonObject { ["firstname"] = firstName, ["lastname"] = lastName, [phoneColumn] = phone, ["emailaddress1"] = email });

    /// <summary>A token for clients that are handed one (the conformance script).</summary>
    public string IssueAccessToken() => _entra.Issue();

    /// <summary>Every token issued so far stops working: the next API call answers 401.</summary>
    public void ExpireSessions() => _entra.ExpireAll();

    /// <summary>The next <paramref name="requests"/> API calls answer 429 (number of requests) with Retry-After.</summary>
    public void ThrottleNext(int requests) => Interlocked.Exchange(ref _throttle, requests);

    /// <summary>The next request inside a change set whose URL or body holds <paramref name="contains"/> fails once (Generic SQL error), rolling its change set back.</summary>
    public void FailChangeSetRequestOnce(string contains)
    {
        lock (_lock)
        {
            _partFaults.Add(contains);
        }
    }

    /// <summary>The values of the key column written by each <c>$batch</c>, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> BatchedKeys() => Batches
        .Select(parts => (IReadOnlyList<string>)parts
            .Select(p => p.Body.Length > 0 && p.Body.StartsWith('{') ? JsonNode.Parse(p.Body)?[Options.KeyColumn]?.ToString() : null)
            .OfType<string>().ToList())
        .ToList();

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
        var body = buffer.ToArray();
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var record = new FakeDynamicsRequest { Method = request.Method, Target = target, Path = request.Path.Value ?? "/", Headers = headers, Body = body };
        lock (_lock)
        {
            _requests.Add(record);
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        FakeDynamicsResponse answer;
        try
        {
            InterlockedMax(inFlight);
            if (!record.IsToken && Options.ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(Options.ResponseDelay, context.RequestAborted);
            }

            answer = await AnswerAsync(record, inFlight, request.ContentType);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        record.StatusCode = answer.Status;
        context.Response.StatusCode = answer.Status;
        if (!record.IsToken)
        {
            context.Response.Headers["OData-Version"] = "4.0";
            context.Response.Headers["x-ms-ratelimit-burst-remaining-xrm-requests"] = Math.Max(0, 6000 - ApiRequestCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (answer.RawBody is not null)
        {
            context.Response.ContentType = answer.ContentType ?? "text/plain";
            await context.Response.WriteAsync(answer.RawBody, Encoding.UTF8, context.RequestAborted);
        }
        else if (answer.Body is not null)
        {
            context.Response.ContentType = record.IsToken ? "application/json; charset=utf-8" : "application/json; odata.metadata=minimal";
            await context.Response.WriteAsync(answer.Body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
        }
    }

    private async Task<FakeDynamicsResponse> AnswerAsync(FakeDynamicsRequest record, int inFlight, string? contentType)
    {
        var segments = record.Path.Trim('/').Split('/');
        if (record.IsToken)
        {
            if (record.Method != "POST" || contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
            {
                return FakeDynamicsErrors.BadRequest("The token endpoint takes POST application/x-www-form-urlencoded.");
            }

            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(record.Body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
            return _entra.Answer(segments[0], form);
        }

        if (segments is not ["api", "data", var version, ..])
        {
            return new FakeDynamicsResponse(404);
        }

        if (version != ApiVersion)
        {
            return FakeDynamicsErrors.ResourceNotFound(version);
        }

        var authorization = record.Headers.GetValueOrDefault("Authorization") ?? "";
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !_entra.IsValid(authorization["Bearer ".Length..].Trim()))
        {
            // Dataverse answers an expired or unknown token with 401, an empty body and where to get a token.
            return new FakeDynamicsResponse(401, null, new Dictionary<string, string>
            {
                ["WWW-Authenticate"] = $"Bearer authorization_uri={BaseUrl}{Options.TenantId}/oauth2/authorize, resource_id={BaseUrl.GetLeftPart(UriPartial.Authority)}/",
            });
        }

        if (inFlight > Options.ConcurrencyLimit)
        {
            return FakeDynamicsErrors.ConcurrencyLimit(Options.ConcurrencyLimit, Options.RetryAfterSeconds);
        }

        if (Interlocked.Decrement(ref _throttle) >= 0)
        {
            return FakeDynamicsErrors.RequestLimit(Options.RetryAfterSeconds);
        }

        Interlocked.Exchange(ref _throttle, 0);
        var relative = record.Target[(ApiRoot.AbsolutePath.Length)..];
        if (record.Method == "GET" && relative.Contains('?', StringComparison.Ordinal) && relative[relative.IndexOf('?', StringComparison.Ordinal)..].Contains('+', StringComparison.Ordinal))
        {
            return RawPlusRefusal();
        }

        if (relative == "$batch")
        {
            if (record.Method != "POST")
            {
                return FakeDynamicsResponse.Error(405, "0x80060888", "The $batch endpoint takes POST.");
            }

            var (sets, refused) = await FakeDynamicsBatch.ReadAsync(contentType, record.Body);
            var prefer = record.Headers.GetValueOrDefault("Prefer") ?? "";
            lock (_lock)
            {
                _batches.Add(sets.SelectMany(s => s).ToList());
                return refused ?? new FakeDynamicsBatch(_api, _store, ApiRoot).Run(sets, prefer.Contains("odata.continue-on-error", StringComparison.OrdinalIgnoreCase), TakeFault);
            }
        }

        lock (_lock)
        {
            return _api.Handle(record.Method, relative, record.Headers, record.Body, _ => null);
        }
    }

    private FakeDynamicsResponse? TakeFault(FakeDynamicsBatch.Part part)
    {
        if (!part.InChangeSet)
        {
            return null;
        }

        var index = _partFaults.FindIndex(f => part.Url.Contains(f, StringComparison.Ordinal) || part.Body.Contains(f, StringComparison.Ordinal));
        if (index < 0)
        {
            return null;
        }

        _partFaults.RemoveAt(index);
        return FakeDynamicsErrors.GenericSqlError();
    }

    private void InterlockedMax(int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, value, seen) != seen)
        {
        }
    }
}
