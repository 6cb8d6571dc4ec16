using System.Net;
using System.Text.Json;
using Connector.Core.Crm;
using Connector.Worker.Crm.Links;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Crm.Links;

/// <summary>
/// Signed links to stored recordings (Crm:RecordingLinks): issued through Core's <see cref="IRecordingLinkIssuer"/> on
/// the Worker's public base URL, served only while the signature matches and has not expired.
/// </summary>
[Collection(InProcessWorkers.Name)]
public sealed class RecordingLinkTests
{
    private const string Key = "q0m3yqk7bq8Wc6d1sJ4mGk2o5r9Tn8xVb3Hf6Lp1Ze0=";
    private const string BaseUrl = "https://connector.contoso.example/";
    private const string File = "recordings/2026/12/call-1.mp3";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_valid_link_serves_the_recording_and_a_tampered_or_expired_one_is_refused_with_403()
    {
        await using var worker = Start();
        var audio = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        var data = worker.Services.GetRequiredService<DataDirectory>();
        Directory.CreateDirectory(Path.GetDirectoryName(data.Combine(File))!);
        await System.IO.File.WriteAllBytesAsync(data.Combine(File), audio, Ct);
        var link = worker.Services.GetRequiredService<IRecordingLinkIssuer>().LinkFor(Recording(File))!;
        Assert.StartsWith($"{BaseUrl}links/recordings?", link.Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.InRange(link.ExpiresAt, DateTimeOffset.UtcNow.AddHours(1).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1).AddMinutes(1));
        using var http = worker.CreateClient();

        using var served = await http.GetAsync(link.Url.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("audio/mpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(audio, await served.Content.ReadAsByteArrayAsync(Ct));

        var query = QueryHelpers.ParseQuery(link.Url.Query);
        var (signature, expires) = (query["sig"].ToString(), long.Parse(query["expires"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        var signer = worker.Services.GetRequiredService<RecordingLinkSigner>();
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        string[] refused =
        [
            Link(File, expires, signature[..^2] + (signature[^2] == 'A' ? "BA" : "AA")), // signature changed
            Link("recordings/2026/12/call-2.mp3", expires, signature), // another file
            Link(File, expires + 3600, signature), // a later expiry
            Link(File, past, signer.Sign(File, past)), // properly signed, but expired
            Link(File, expires, null), // no signature
            Link(File, expires, Convert.ToBase64String(new byte[32])), // garbage
        ];
        foreach (var url in refused)
        {
            using var response = await http.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(403, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("status").GetInt32());
        }

        // A link to a file retention has removed since: 404, not a 500.
        System.IO.File.Delete(data.Combine(File));
        using var gone = await http.GetAsync(link.Url.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Without_a_signing_key_no_link_is_issued_and_nothing_is_served()
    {
        await using var worker = new InProcessWorker(new Dictionary<string, string?>());
        using var http = worker.CreateClient();

        Assert.Null(worker.Services.GetRequiredService<IRecordingLinkIssuer>().LinkFor(Recording(File)));
        using var response = await http.GetAsync(Link(File, DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(), "c2lnbmF0dXJl"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-url", Key, "Crm:RecordingLinks:PublicBaseUrl")]
    [InlineData(BaseUrl, "c2hvcnQ=", "Crm:RecordingLinks:SigningKey")]
    [InlineData(BaseUrl, null, "Crm:RecordingLinks:SigningKey")]
    public void A_wrong_or_missing_setting_is_refused_naming_its_key_and_never_showing_the_key(string? baseUrl, string? key, string named)
    {
        var result = new RecordingLinkOptionsValidator().Validate(null, new RecordingLinkOptions { PublicBaseUrl = baseUrl, SigningKey = key });

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.FailureMessage, StringComparison.Ordinal);
    }

    private static InProcessWorker Start() => new(new Dictionary<string, string?>
    {
        ["Crm:RecordingLinks:PublicBaseUrl"] = BaseUrl,
        ["Crm:RecordingLinks:SigningKey"] = Key,
        ["Crm:RecordingLinks:Lifetime"] = "01:00:00",
    });

    private static CrmAttachment Recording(string file) => new(
        "conv:recording", new CrmRecord("pending", "pending"), CrmAttachmentKind.Recording, "call-1.mp3", "audio/mpeg", 70_000,
        _ => throw new InvalidOperationException("a link never opens the file"), file);

    private static string Link(string file, long expires, string? signature) => QueryHelpers.AddQueryString(RecordingLinks.Path, new Dictionary<string, string?>
    {
        ["file"] = file,
        ["expires"] = expires.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["sig"] = signature,
    });
}
