using System.Diagnostics;
using System.Globalization;
using System.Net;
using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Worker.Tests.Acs;

public sealed class AcsResilienceTests : IAsyncLifetime
{
    private FakeAcsServer fake = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => fake = await FakeAcsServer.StartAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => fake.DisposeAsync();

    [Fact]
    public async Task A_throttled_repeatable_POST_is_retried_after_Retry_After_and_succeeds_once()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        fake.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1), pathContains: "/messages");
        var clock = Stopwatch.StartNew();

        var receipt = await clients.Get<AcsMessagesClient>().SendTextAsync("+447700900123", "hi", Ct);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}, before Retry-After");
        Assert.Equal([429, 202], fake.Requests.Select(r => r.StatusCode));
        Assert.Equal(fake.Requests[0].Header("Repeatability-Request-ID"), fake.Requests[1].Header("Repeatability-Request-ID"));
        Assert.Equal(fake.Requests[0].Header("Repeatability-First-Sent"), fake.Requests[1].Header("Repeatability-First-Sent"));
        Assert.Equal(receipt.MessageId, Assert.Single(Assert.Single(fake.Notifications).MessageIds));
    }

    [Fact]
    public async Task A_throttled_POST_without_repeatability_is_not_retried_and_reports_Retry_After()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        fake.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(7), pathContains: "/identities");

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsIdentityClient>().CreateChatUserAsync(null, Ct));

        Assert.Equal((HttpStatusCode.TooManyRequests, "TooManyRequests"), (error.StatusCode, error.ErrorCode));
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task A_chat_message_send_is_not_retried_on_503()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var token = fake.IssueToken(fake.CreateUser()).Token;
        var thread = await clients.Get<AcsChatClient>().CreateThreadAsync(token, "Topic", [], Ct);
        fake.FailNext(1, HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(1), pathContains: "/messages");

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsChatClient>().SendMessageAsync(token, thread.Id, "once", null, Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(fake.RequestsTo("/messages"));
        Assert.DoesNotContain(fake.FindThread(thread.Id)!.Messages, m => m.Type == "text");
    }

    [Fact]
    public async Task An_email_send_is_not_retried_when_throttled()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        fake.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1), pathContains: "/emails");
        var message = new AcsEmailMessage { Subject = "s", To = [new AcsEmailAddress("a@example.com")], PlainText = "t" };

        await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsEmailClient>().SendAsync(message, null, Ct));

        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task A_GET_is_retried_on_503_after_Retry_After()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        fake.AddMedia("m1", [1, 2, 3], "image/png");
        fake.FailNext(1, HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(1), pathContains: "/streams");
        using var destination = new MemoryStream();

        var download = await clients.Get<AcsMessagesClient>().DownloadMediaAsync("m1", destination, 1_000, Ct);

        Assert.Equal(3, download.Length);
        Assert.Equal([503, 200], fake.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public void Stamping_gives_a_fresh_UUID_and_the_RFC_1123_time_of_the_first_send()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 25, 8, 49, 37, TimeSpan.Zero));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://contoso.communication.azure.com/calling/callConnections:answer");

        AcsRepeatability.Stamp(request, clock);

        Assert.True(Guid.TryParse(request.Headers.GetValues("Repeatability-Request-ID").Single(), out var id) && id != Guid.Empty);
        var firstSent = request.Headers.GetValues("Repeatability-First-Sent").Single();
        Assert.Equal("Tue, 25 Nov 2025 08:49:37 GMT", firstSent);
        Assert.Equal(clock.GetUtcNow(), DateTimeOffset.ParseExact(firstSent, "r", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("GET", false, true)]
    [InlineData("DELETE", false, true)]
    [InlineData("PUT", false, true)]
    [InlineData("POST", false, false)]
    [InlineData("PATCH", false, false)]
    [InlineData("POST", true, true)]
    public void Only_idempotent_requests_and_repeatable_POSTs_may_be_retried(string method, bool stamped, bool retryable)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://contoso.communication.azure.com/x");
        if (stamped)
        {
            AcsRepeatability.Stamp(request, TimeProvider.System);
        }

        Assert.Equal(retryable, AcsRepeatability.AllowsRetry(request));
    }

    [Fact]
    public void A_POST_with_only_the_request_id_is_not_repeatable()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://contoso.communication.azure.com/x");
        request.Headers.TryAddWithoutValidation("Repeatability-Request-ID", Guid.NewGuid().ToString());

        Assert.False(AcsRepeatability.AllowsRetry(request));
    }
}
