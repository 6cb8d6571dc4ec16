using System.Net;
using System.Text;
using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;

namespace Connector.Worker.Tests.Acs;

public sealed class AcsRequestFailedExceptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_code_and_message_come_from_the_ACS_error_body_with_the_status_and_Retry_After()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("""{"error":{"code":"TooManyRequests","message":"Rate limit exceeded.","target":null}}""", Encoding.UTF8, "application/json"),
        };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(12));
        response.Headers.TryAddWithoutValidation("x-ms-error-code", "HeaderCodeIsSecond");

        var error = await AcsRequestFailedException.FromResponseAsync(response, "send chat message", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("TooManyRequests", error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(12), error.RetryAfter);
        Assert.Equal("ACS send chat message failed: 429 TooManyRequests (TooManyRequests): Rate limit exceeded.", error.Message);
    }

    [Fact]
    public async Task Without_an_error_body_the_code_comes_from_x_ms_error_code()
    {
        await using var fake = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var clients = AcsClientsUnderTest.For(fake);
        fake.FailNext(1, HttpStatusCode.BadGateway, errorCode: "GatewayTimeoutUpstream", withBody: false, pathContains: "/emails");

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() =>
            clients.Get<AcsEmailClient>().SendAsync(new AcsEmailMessage { Subject = "s", To = [new AcsEmailAddress("a@example.com")] }, null, Ct));

        Assert.Equal((HttpStatusCode.BadGateway, "GatewayTimeoutUpstream"), (error.StatusCode, error.ErrorCode));
    }

    [Fact]
    public async Task A_body_that_is_not_ACS_JSON_still_gives_the_status()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>proxy error</html>") };

        var error = await AcsRequestFailedException.FromResponseAsync(response, "create identity", Ct);

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.True(error.IsTransient);
    }
}
