using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Connector.Tests.NodeJs;
using Connector.Worker.Acs;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Worker.Tests.Acs;

public sealed class AcsHmacSignerTests
{
    // Fixed inputs of the known answer (the algorithm of Microsoft Learn's "Sign an HTTP request with HMAC",
    // https://learn.microsoft.com/azure/communication-services/tutorials/hmac-header-tutorial). The key is base64 of
    // "connector-known-answer-hmac-key!".
    private const string AccessKey = "Y29ubmVjdG9yLWtub3duLWFuc3dlci1obWFjLWtleSE=";
    private const string Body = """{"createTokenWithScopes":["chat"]}""";
    private const string Url = "http://127.0.0.1:8443/identities?api-version=2023-10-01";
    private const string Date = "Tue, 25 Nov 2025 10:20:30 GMT";
    private const string BodyHash = "WTRvgEjjVd+bvyKw3WgXgDkU81aV8FWq+4/BE+he0+A=";
    // Computed once with Node's crypto (see Node_crypto_computes_the_same_signature_from_the_same_inputs).
    private const string KnownSignature = "OACWZixMi6rYjc6+yBPKgGf0y1K5PoaSZEHJAVN3MVA=";

    private static readonly DateTimeOffset At = new(2025, 11, 25, 10, 20, 30, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_signature_for_fixed_inputs_is_the_known_answer_of_the_documented_algorithm()
    {
        // By hand, from the documented steps, without the signer.
        var stringToSign = "POST\n/identities?api-version=2023-10-01\n" + Date + ";127.0.0.1:8443;" + BodyHash;
        var byHand = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(AccessKey), Encoding.ASCII.GetBytes(stringToSign)));
        Assert.Equal(BodyHash, Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Body))));
        Assert.Equal(KnownSignature, byHand);

        var signed = AcsHmacSigner.Sign(Convert.FromBase64String(AccessKey), HttpMethod.Post, new Uri(Url), Encoding.UTF8.GetBytes(Body), At);

        Assert.Equal(Date, signed.Date);
        Assert.Equal(BodyHash, signed.ContentHash);
        Assert.Equal($"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={KnownSignature}", signed.Authorization);
    }

    [Fact]
    public async Task Node_crypto_computes_the_same_signature_from_the_same_inputs()
    {
        const string script = """
            const c = require("crypto");
            const u = new URL(process.env.URL);
            const hash = c.createHash("sha256").update(process.env.BODY).digest("base64");
            const toSign = `POST\n${u.pathname}${u.search}\n${process.env.DATE};${u.host};${hash}`;
            process.stdout.write(c.createHmac("sha256", Buffer.from(process.env.KEY, "base64")).update(toSign).digest("base64"));
            """;
        var environment = new Dictionary<string, string> { ["URL"] = Url, ["BODY"] = Body, ["DATE"] = Date, ["KEY"] = AccessKey };

        var node = await NodeRunner.RunAsync(["-e", script], environment, RepositoryPaths.Root, TimeSpan.FromSeconds(20), Ct);

        Assert.True(node.ExitCode == 0, node.ToString());
        var signed = AcsHmacSigner.Sign(Convert.FromBase64String(AccessKey), HttpMethod.Post, new Uri(Url), Encoding.UTF8.GetBytes(Body), At);
        Assert.Equal(KnownSignature, node.Output.Trim());
        Assert.EndsWith("&Signature=" + node.Output.Trim(), signed.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_without_a_body_hashes_zero_bytes()
    {
        var signed = AcsHmacSigner.Sign(Convert.FromBase64String(AccessKey), HttpMethod.Get, new Uri("https://contoso.communication.azure.com/emails/operations/1?api-version=2023-03-31"), [], At);

        Assert.Equal(AcsHmacSigner.EmptyContentHash, signed.ContentHash);
        Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", signed.ContentHash);
    }

    [Fact]
    public void The_signed_host_carries_the_port_only_when_it_is_not_the_default()
    {
        var key = Convert.FromBase64String(AccessKey);
        var withDefaultPort = AcsHmacSigner.Sign(key, HttpMethod.Get, new Uri("https://contoso.communication.azure.com:443/x?api-version=1"), [], At);
        var withoutPort = AcsHmacSigner.Sign(key, HttpMethod.Get, new Uri("https://contoso.communication.azure.com/x?api-version=1"), [], At);
        var otherPort = AcsHmacSigner.Sign(key, HttpMethod.Get, new Uri("https://contoso.communication.azure.com:8443/x?api-version=1"), [], At);

        Assert.Equal(withoutPort.Authorization, withDefaultPort.Authorization);
        Assert.NotEqual(withoutPort.Authorization, otherPort.Authorization);
    }

    [Fact]
    public void The_signed_path_is_the_escaped_path_that_is_sent()
    {
        var key = Convert.FromBase64String(AccessKey);
        var uri = new Uri("http://127.0.0.1:8443/identities/" + Uri.EscapeDataString("8:acs:r_u") + "/:issueAccessToken?api-version=2023-10-01");
        var stringToSign = $"POST\n/identities/8%3Aacs%3Ar_u/:issueAccessToken?api-version=2023-10-01\n{Date};127.0.0.1:8443;{AcsHmacSigner.EmptyContentHash}";

        var signed = AcsHmacSigner.Sign(key, HttpMethod.Post, uri, [], At);

        Assert.EndsWith(Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(stringToSign))), signed.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_handler_signs_the_exact_bytes_it_sends_with_its_clock_and_sets_both_date_headers()
    {
        var clock = new FakeTimeProvider(At);
        var capture = new CapturingHandler();
        var settings = new Dictionary<string, string?> { ["Acs:ConnectionString"] = $"endpoint=http://127.0.0.1:8443/;accesskey={AccessKey}" };
        await using var clients = AcsClientsUnderTest.Build(settings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddHttpClient<AcsIdentityClient>().ConfigurePrimaryHttpMessageHandler(() => capture);
        });

        await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsIdentityClient>().CreateChatUserAsync(null, Ct));

        var sent = Assert.Single(capture.Requests);
        Assert.Equal(Date, sent.Headers["x-ms-date"]);
        Assert.Equal(Date, sent.Headers["Date"]);
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(sent.Body)), sent.Headers["x-ms-content-sha256"]);
        Assert.Equal(Body, Encoding.UTF8.GetString(sent.Body));
        Assert.Equal($"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={KnownSignature}", sent.Headers["Authorization"]);
    }

    [Fact]
    public void The_date_is_RFC_1123_in_GMT_whatever_the_offset_given()
    {
        var signed = AcsHmacSigner.Sign(Convert.FromBase64String(AccessKey), HttpMethod.Get, new Uri(Url), [], At.ToOffset(TimeSpan.FromHours(5)));

        Assert.Equal(Date, signed.Date);
        Assert.Equal(At, DateTimeOffset.ParseExact(signed.Date, "r", CultureInfo.InvariantCulture));
    }

    /// <summary>Stands in for the network: records what would go on the wire and answers 400.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<(Dictionary<string, string> Headers, byte[] Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            Requests.Add((headers, body));
            return new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { RequestMessage = request };
        }
    }
}
