using System.Net;
using System.Text.Json;
using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Worker.Tests.Acs;

public sealed class AcsIdentityClientTests : IAsyncLifetime
{
    private FakeAcsServer fake = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => fake = await FakeAcsServer.StartAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => fake.DisposeAsync();

    [Fact]
    public async Task A_chat_user_is_created_with_a_chat_token_in_one_signed_call()
    {
        await using var clients = AcsClientsUnderTest.For(fake);

        var user = await clients.Get<AcsIdentityClient>().CreateChatUserAsync(TimeSpan.FromHours(2), Ct);

        Assert.StartsWith($"8:acs:{fake.ResourceId}_", user.UserId, StringComparison.Ordinal);
        Assert.InRange(user.AccessToken.ExpiresOn, DateTimeOffset.UtcNow.AddMinutes(110), DateTimeOffset.UtcNow.AddMinutes(130));
        Assert.DoesNotContain(user.AccessToken.Token, user.AccessToken.ToString(), StringComparison.Ordinal);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", "/identities?api-version=2023-10-01", 201), (request.Method, request.Target, request.StatusCode));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("chat", Assert.Single(body.RootElement.GetProperty("createTokenWithScopes").EnumerateArray()).GetString());
        Assert.Equal(120, body.RootElement.GetProperty("expiresInMinutes").GetInt32());
        Assert.StartsWith("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_issued_for_an_existing_user_is_a_fresh_chat_token()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var identity = clients.Get<AcsIdentityClient>();
        var user = await identity.CreateChatUserAsync(null, Ct);

        var token = await identity.IssueChatTokenAsync(user.UserId, null, Ct);

        Assert.NotEqual(user.AccessToken.Token, token.Token);
        Assert.Equal(201, fake.Requests[0].StatusCode);
        Assert.Equal(200, fake.Requests[1].StatusCode);
        Assert.Contains("/identities/8%3Aacs%3A", fake.Requests[1].Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_access_key_is_refused_with_ACS_Denied()
    {
        await using var clients = AcsClientsUnderTest.For(fake, fake.ConnectionStringWithKey(Convert.ToBase64String("some-other-resource-key"u8)));

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsIdentityClient>().CreateChatUserAsync(null, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("Denied", error.ErrorCode);
        Assert.Contains("signature does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        await using var clients = AcsClientsUnderTest.For(fake, configure: services =>
            services.AddHttpClient<AcsIdentityClient>().AddHttpMessageHandler(() => new BodyTamperingHandler()));

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsIdentityClient>().CreateChatUserAsync(null, Ct));

        Assert.Equal((HttpStatusCode.Unauthorized, "Denied"), (error.StatusCode, error.ErrorCode));
        Assert.Contains("x-ms-content-sha256 does not match", error.Message, StringComparison.Ordinal);
        Assert.Contains("tampered", Assert.Single(fake.Requests).BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_dated_more_than_15_minutes_off_is_refused()
    {
        var slowClock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-16));
        await using var clients = AcsClientsUnderTest.For(fake, configure: services => services.AddSingleton<TimeProvider>(slowClock));

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsIdentityClient>().CreateChatUserAsync(null, Ct));

        Assert.Equal((HttpStatusCode.Unauthorized, "Denied"), (error.StatusCode, error.ErrorCode));
        Assert.Contains("more than 15 minutes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_an_unknown_user_is_refused_with_the_ACS_error_code()
    {
        await using var clients = AcsClientsUnderTest.For(fake);

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() =>
            clients.Get<AcsIdentityClient>().IssueChatTokenAsync($"8:acs:{fake.ResourceId}_{Guid.NewGuid()}", null, Ct));

        Assert.Equal((HttpStatusCode.NotFound, "NotFound"), (error.StatusCode, error.ErrorCode));
    }
}
