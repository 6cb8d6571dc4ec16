using System.Diagnostics;
using System.Net;
using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Acs;

public sealed class AcsEmailClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AcsEmailMessage Reply => new()
    {
        Subject = "Re: your order [#1234]",
        To = [new AcsEmailAddress("customer@example.com", "Customer")],
        PlainText = "It ships today.",
        Html = "<p>It ships today.</p>",
        ReplyTo = [new AcsEmailAddress("support@contoso.example")],
        InReplyTo = "<order-1234@example.com>",
        References = "<order-1234@example.com>",
    };

    [Fact]
    public async Task A_reply_is_queued_with_its_threading_headers_and_polled_until_it_succeeds()
    {
        await using var fake = await FakeAcsServer.StartAsync(new FakeAcsServerOptions { EmailRunningPolls = 1, EmailRetryAfterSeconds = 1 }, Ct);
        await using var clients = AcsClientsUnderTest.For(fake);
        var email = clients.Get<AcsEmailClient>();
        var operationId = Guid.NewGuid();

        var queued = await email.SendAsync(Reply, operationId, Ct);
        var clock = Stopwatch.StartNew();
        var done = await email.WaitForCompletionAsync(queued.Id, Ct);

        Assert.Equal(operationId.ToString(), queued.Id);
        Assert.Equal("Running", queued.Status);
        Assert.True(done.IsSucceeded);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"the poll did not wait for retry-after ({clock.Elapsed})");
        var send = fake.Requests[0];
        Assert.Equal(("/emails:send?api-version=2023-03-31", 202), (send.Target, send.StatusCode));
        Assert.Equal(operationId.ToString(), send.Header("Operation-Id"));
        var message = Assert.Single(fake.EmailOperations).Message;
        Assert.Equal(AcsClientsUnderTest.SenderAddress, message["senderAddress"]!.GetValue<string>());
        Assert.Equal("<order-1234@example.com>", message["headers"]!["In-Reply-To"]!.GetValue<string>());
        Assert.Equal("<order-1234@example.com>", message["headers"]!["References"]!.GetValue<string>());
        Assert.Equal("support@contoso.example", message["replyTo"]![0]!["address"]!.GetValue<string>());
        Assert.Equal(
            [$"/emails/operations/{operationId}?api-version=2023-03-31", $"/emails/operations/{operationId}?api-version=2023-03-31"],
            fake.Requests.Skip(1).Select(r => r.Target));
    }

    [Fact]
    public async Task An_operation_that_ends_Failed_throws_with_the_ACS_error_code()
    {
        await using var fake = await FakeAcsServer.StartAsync(new FakeAcsServerOptions { EmailOutcome = "Failed" }, Ct);
        await using var clients = AcsClientsUnderTest.For(fake);
        var email = clients.Get<AcsEmailClient>();

        var queued = await email.SendAsync(Reply, null, Ct);
        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => email.WaitForCompletionAsync(queued.Id, Ct));

        Assert.Equal("EmailDroppedAllRecipientsSuppressed", error.ErrorCode);
        Assert.Contains("ended Failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_ACS_refuses_throws_with_its_status_and_code()
    {
        await using var fake = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var clients = AcsClientsUnderTest.For(fake);
        var tooMany = Reply with { To = Enumerable.Range(0, 51).Select(i => new AcsEmailAddress($"c{i}@example.com")).ToList() };

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsEmailClient>().SendAsync(tooMany, null, Ct));

        Assert.Equal((HttpStatusCode.BadRequest, "BadRequest"), (error.StatusCode, error.ErrorCode));
        Assert.Contains("at most 50 recipients", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_access_key_is_refused_with_ACS_Denied()
    {
        await using var fake = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var clients = AcsClientsUnderTest.For(fake, fake.ConnectionStringWithKey(Convert.ToBase64String("wrong"u8)));

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsEmailClient>().SendAsync(Reply, null, Ct));

        Assert.Equal((HttpStatusCode.Unauthorized, "Denied"), (error.StatusCode, error.ErrorCode));
        Assert.Empty(fake.EmailOperations);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        await using var fake = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var clients = AcsClientsUnderTest.For(fake, configure: services =>
            services.AddHttpClient<AcsEmailClient>().AddHttpMessageHandler(() => new BodyTamperingHandler()));

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsEmailClient>().SendAsync(Reply, null, Ct));

        Assert.Equal((HttpStatusCode.Unauthorized, "Denied"), (error.StatusCode, error.ErrorCode));
        Assert.Empty(fake.EmailOperations);
    }
}
