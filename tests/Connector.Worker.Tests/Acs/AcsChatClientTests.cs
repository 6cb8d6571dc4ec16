using System.Net;
using System.Text.Json;
using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;

namespace Connector.Worker.Tests.Acs;

public sealed class AcsChatClientTests : IAsyncLifetime
{
    private FakeAcsServer fake = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => fake = await FakeAcsServer.StartAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => fake.DisposeAsync();

    [Fact]
    public async Task A_thread_opened_with_the_service_token_carries_the_conversation_of_both_participants()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var chat = clients.Get<AcsChatClient>();
        var service = await clients.Get<AcsIdentityClient>().CreateChatUserAsync(null, Ct);
        var customer = await clients.Get<AcsIdentityClient>().CreateChatUserAsync(null, Ct);

        var thread = await chat.CreateThreadAsync(service.AccessToken.Token, "Order 1234", [new AcsChatParticipant(customer.UserId, "Customer")], Ct);
        await chat.SendMessageAsync(service.AccessToken.Token, thread.Id, "How can I help?", "Agent", Ct);
        await chat.SendMessageAsync(customer.AccessToken.Token, thread.Id, "Where is my order?", "Customer", Ct);
        var messages = await chat.ListMessagesAsync(service.AccessToken.Token, thread.Id, since: null, Ct);

        Assert.Matches("^19:[0-9a-f]{32}@thread.v2$", thread.Id);
        Assert.Equal("Order 1234", thread.Topic);
        Assert.Empty(thread.InvalidParticipants);
        var texts = messages.Where(m => m.Type == "text").ToList();
        Assert.Equal(["Where is my order?", "How can I help?"], texts.Select(m => m.Text)); // newest first, as ACS lists
        Assert.Equal(customer.UserId, texts[0].SenderUserId);
        Assert.Contains(messages, m => m.Type == "participantAdded");
    }

    [Fact]
    public async Task Chat_calls_carry_the_user_token_as_Bearer_and_no_HMAC_and_thread_creation_is_repeatable()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var userId = fake.CreateUser();
        var token = fake.IssueToken(userId).Token;

        var thread = await clients.Get<AcsChatClient>().CreateThreadAsync(token, "Topic", [], Ct);
        await clients.Get<AcsChatClient>().AddParticipantsAsync(token, thread.Id, [new AcsChatParticipant(fake.CreateUser(), "Second")], Ct);

        var create = fake.Requests[0];
        Assert.Equal(("POST", "/chat/threads?api-version=2025-03-15", 201), (create.Method, create.Target, create.StatusCode));
        Assert.Equal("Bearer " + token, create.Header("Authorization"));
        Assert.Null(create.Header("x-ms-content-sha256"));
        Assert.True(Guid.TryParse(create.Header("Repeatability-Request-ID"), out _));
        Assert.NotNull(create.Header("Repeatability-First-Sent"));
        var add = fake.Requests[1];
        Assert.Equal($"/chat/threads/{Uri.EscapeDataString(thread.Id)}/participants/:add?api-version=2025-03-15", add.Target);
        using var body = JsonDocument.Parse(add.Body);
        var participant = Assert.Single(body.RootElement.GetProperty("participants").EnumerateArray());
        Assert.Equal("Second", participant.GetProperty("displayName").GetString());
        Assert.StartsWith("8:acs:", participant.GetProperty("communicationIdentifier").GetProperty("communicationUser").GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, fake.FindThread(thread.Id)!.Participants.Count); // the creator and the one added
    }

    [Fact]
    public async Task Listing_follows_the_next_links_through_every_page_and_honours_the_start_time()
    {
        await using var paged = await FakeAcsServer.StartAsync(new FakeAcsServerOptions { ChatMessagesPageSize = 2 }, Ct);
        await using var clients = AcsClientsUnderTest.For(paged);
        var chat = clients.Get<AcsChatClient>();
        var token = paged.IssueToken(paged.CreateUser()).Token;
        var thread = await chat.CreateThreadAsync(token, "Paged", [], Ct);
        foreach (var text in new[] { "one", "two", "three", "four", "five" })
        {
            await chat.SendMessageAsync(token, thread.Id, text, null, Ct);
        }

        var all = await chat.ListMessagesAsync(token, thread.Id, since: null, Ct);
        var none = await chat.ListMessagesAsync(token, thread.Id, since: DateTimeOffset.UtcNow.AddMinutes(1), Ct);

        Assert.Equal(["five", "four", "three", "two", "one"], all.Select(m => m.Text));
        var pages = paged.RequestsTo("/messages").Where(r => r.Method == "GET").Take(3).ToList();
        Assert.Equal([false, true, true], pages.Select(r => r.Target.Contains("continuationToken", StringComparison.Ordinal)));
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_user_ACS_does_not_know_is_reported_as_an_invalid_participant()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var token = fake.IssueToken(fake.CreateUser()).Token;
        var stranger = $"8:acs:{Guid.NewGuid()}_{Guid.NewGuid()}";

        var thread = await clients.Get<AcsChatClient>().CreateThreadAsync(token, "Topic", [new AcsChatParticipant(stranger, "Nobody")], Ct);

        Assert.Equal(stranger, Assert.Single(thread.InvalidParticipants).Target);
    }

    [Fact]
    public async Task A_token_the_resource_did_not_issue_is_refused_with_ACS_Denied()
    {
        await using var clients = AcsClientsUnderTest.For(fake);

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() =>
            clients.Get<AcsChatClient>().CreateThreadAsync("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.forged", "Topic", [], Ct));

        Assert.Equal((HttpStatusCode.Unauthorized, "Denied"), (error.StatusCode, error.ErrorCode));
    }

    [Fact]
    public async Task Someone_outside_the_thread_cannot_post_to_it()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var chat = clients.Get<AcsChatClient>();
        var thread = await chat.CreateThreadAsync(fake.IssueToken(fake.CreateUser()).Token, "Private", [], Ct);

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() =>
            chat.SendMessageAsync(fake.IssueToken(fake.CreateUser()).Token, thread.Id, "let me in", null, Ct));

        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden"), (error.StatusCode, error.ErrorCode));
    }

    [Fact]
    public async Task A_message_without_content_is_refused_before_it_is_sent()
    {
        await using var clients = AcsClientsUnderTest.For(fake);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            clients.Get<AcsChatClient>().SendMessageAsync(fake.IssueToken(fake.CreateUser()).Token, "19:x@thread.v2", "", null, Ct));
        Assert.Empty(fake.Requests);
    }
}
