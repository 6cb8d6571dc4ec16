using System.Net;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Connector.Worker.Acs;
using Connector.Worker.Chat;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Acs;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Chat;

/// <summary>
/// The chat assignment handler, called as the coordinator's job calls it, over a real store and the fake ACS: the
/// agent who accepted joins the customer's thread as their own ACS user, once, however often the job runs.
/// </summary>
public sealed class ChatAssignmentHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_agent_who_accepts_a_web_chat_joins_the_thread_once_however_often_the_job_runs(string storeKind)
    {
        await using var setup = await Setup.StartAsync(storeKind);
        var chat = await setup.VisitorStartsChatAsync();
        var assignment = setup.AssignmentOf(chat, "ann");

        await setup.RunHandlerAsync(assignment);
        await setup.RunHandlerAsync(assignment); // a replayed job, in a new scope as Hangfire runs it

        var annUser = await setup.Clients.Get<AgentChatIdentities>().GetUserIdAsync("ann", Ct);
        Assert.StartsWith("8:acs:", annUser, StringComparison.Ordinal);
        var thread = setup.Acs.FindThread(chat.ThreadId)!;
        lock (thread)
        {
            Assert.Equal("Ann Example", thread.Participants[annUser]);
            Assert.Equal(3, thread.Participants.Count); // connector, visitor, Ann
            Assert.Single(thread.Messages, m => m.Type == "participantAdded" && m.Content.ToJsonString().Contains(annUser, StringComparison.Ordinal));
        }

        Assert.Single(setup.Acs.RequestsTo("/participants/:add"));
        Assert.Equal(3, setup.Acs.RequestsTo("/identities").Count(r => r.Method == "POST" && r.Path == "/identities")); // connector, visitor, Ann: once

        // Ann reads the thread as herself, with the token the panel would get.
        var (userId, token) = await setup.Clients.Get<AgentChatIdentities>().GetWithTokenAsync("ann", Ct);
        Assert.Equal(annUser, userId);
        var messages = await setup.Clients.Get<AcsChatClient>().ListMessagesAsync(token.Token, chat.ThreadId, null, Ct);
        Assert.Contains(messages, m => m.Type == "participantAdded");
    }

    [Fact]
    public async Task A_refused_join_fails_the_job_and_its_retry_adds_the_agent()
    {
        await using var setup = await Setup.StartAsync("sqlite");
        var chat = await setup.VisitorStartsChatAsync();
        var assignment = setup.AssignmentOf(chat, "ann");
        setup.Acs.FailNext(1, HttpStatusCode.ServiceUnavailable, pathContains: "/participants/:add");

        var failure = await Assert.ThrowsAsync<AcsRequestFailedException>(() => setup.RunHandlerAsync(assignment));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        await setup.RunHandlerAsync(assignment);

        var annUser = await setup.Clients.Get<AgentChatIdentities>().GetUserIdAsync("ann", Ct);
        Assert.Contains(annUser, setup.Acs.FindThread(chat.ThreadId)!.Participants.Keys);
        Assert.Equal(3, setup.Acs.RequestsTo("/identities").Count(r => r.Method == "POST" && r.Path == "/identities")); // Ann's identity made once
    }

    [Fact]
    public async Task A_chat_task_without_a_web_chat_thread_joins_nothing_and_calls_no_ACS()
    {
        await using var setup = await Setup.StartAsync("sqlite");
        var arrived = await setup.Store.Intake.AcceptAsync(new InboundEvent(
            Guid.NewGuid().ToString(), Channel.Chat, TimelineEventType.Message, Direction.In, setup.Store.Time.GetUtcNow(),
            [new InboundIdentity(IdentityKind.Chat, "8:acs:not-from-the-widget")], "Hello"), Ct);
        var requestsBefore = setup.Acs.Requests.Count;

        await setup.RunHandlerAsync(new TaskAssignment(
            arrived.TaskId!.Value, arrived.ConversationId!.Value, arrived.CustomerId, Channel.Chat, "ann", null, setup.Store.Time.GetUtcNow()));

        Assert.Equal(requestsBefore, setup.Acs.Requests.Count);
    }

    private sealed record StartedChat(string ThreadId, string VisitorUserId, IntakeResult Arrival);

    /// <summary>A store, the fake ACS, and the Worker's web-chat services over both, composed as AddWebChat does.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private Setup(StoreUnderTest store, FakeAcsServer acs, AcsClientsUnderTest clients)
        {
            Store = store;
            Acs = acs;
            Clients = clients;
        }

        public StoreUnderTest Store { get; }
        public FakeAcsServer Acs { get; }
        public AcsClientsUnderTest Clients { get; }

        public static async Task<Setup> StartAsync(string storeKind)
        {
            var store = storeKind == "postgres" ? await StoreUnderTest.PostgresAsync() : await StoreUnderTest.SqliteAsync();
            var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
            var routing = new SqlRoutingStore(store.Dialect);
            await routing.UpsertAgentAsync(new Agent(
                "ann", "Ann Example", "standard", new Dictionary<string, int>(), ["en"], null, [Channel.Chat], store.Time.GetUtcNow()), Ct);
            var clients = AcsClientsUnderTest.For(acs, configure: services =>
            {
                services.AddSingleton<SqlDialect>(store.Dialect);
                services.AddSingleton(store.Store);
                services.AddSingleton<IRoutingStore>(routing);
                services.AddSingleton(store.Intake); // the claims' linker goes through intake
                services.AddChat(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
            });
            return new Setup(store, acs, clients);
        }

        /// <summary>What <c>POST /api/chat/sessions</c> and the visitor's first message leave behind.</summary>
        public async Task<StartedChat> VisitorStartsChatAsync()
        {
            var connector = await Clients.Get<ChatServiceIdentity>().GetAsync(Ct);
            var visitor = await Clients.Get<AcsIdentityClient>().CreateChatUserAsync(null, Ct);
            var thread = await Clients.Get<AcsChatClient>().CreateThreadAsync(connector.Token, "Web chat",
                [new AcsChatParticipant(connector.UserId, "Contact centre"), new AcsChatParticipant(visitor.UserId, "Sam")], Ct);
            await Clients.Get<ChatSessionStore>().AddSessionAsync(thread.Id, visitor.UserId, ChatVisitorKey.HashOf(ChatVisitorKey.New()), Store.Time.GetUtcNow(), Ct);
            var arrival = await Store.Intake.AcceptAsync(new InboundEvent(
                $"chat:{thread.Id}:1", Channel.Chat, TimelineEventType.Message, Direction.In, Store.Time.GetUtcNow(),
                [new InboundIdentity(IdentityKind.Chat, visitor.UserId)], "Hello, anyone there?", "1"), Ct);
            return new StartedChat(thread.Id, visitor.UserId, arrival);
        }

        public TaskAssignment AssignmentOf(StartedChat chat, string agentId) => new(
            chat.Arrival.TaskId!.Value, chat.Arrival.ConversationId!.Value, chat.Arrival.CustomerId, Channel.Chat, agentId, null, Store.Time.GetUtcNow());

        /// <summary>As the coordinator's job does: a scope, the handler for the channel, HandleAsync.</summary>
        public async Task RunHandlerAsync(TaskAssignment assignment)
        {
            await using var scope = Clients.Services.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<ITaskAssignmentHandler>().Single(h => h.Channel == assignment.Channel);
            await handler.HandleAsync(assignment, Ct);
        }

        public async ValueTask DisposeAsync()
        {
            await Clients.DisposeAsync();
            await Acs.DisposeAsync();
            await Store.DisposeAsync();
        }
    }
}
