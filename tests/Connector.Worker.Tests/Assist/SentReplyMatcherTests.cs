using Connector.Ai.Assist;
using Connector.Core.Compliance;
using Connector.Worker.Assist;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Assist;

/// <summary>
/// A sent reply that is what the agent inserted is recorded as used, once, on each store; another agent's reply, another
/// conversation's or a reply that says something else is not.
/// </summary>
public abstract class SentReplyMatcherTests
{
    private const string Refund = "I've issued a refund for order {order}, it will reach your account within {number} working days.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<StoreUnderTest> StoreAsync();

    [Fact]
    public async Task A_sent_reply_matching_an_inserted_suggestion_is_recorded_as_used_once()
    {
        await using var store = await StoreAsync();
        var (matcher, uses, reply) = await WorldAsync(store);
        var conversation = Guid.NewGuid();
        var inserted = new AssistUse(Guid.CreateVersion7(), conversation, "ann", "reply", reply.ToString(), AssistUse.Inserted, null, null, store.Time.GetUtcNow());
        await uses.AddAsync(inserted, Ct);
        var draft = new AssistUse(Guid.CreateVersion7(), conversation, "ann", "draft", Guid.CreateVersion7().ToString(), AssistUse.Inserted,
            "Your new card is on its way and should arrive by Friday.", null, store.Time.GetUtcNow());
        await uses.AddAsync(draft, Ct);

        // Something else first: nothing used. Then the inserted reply with the placeholders filled in, twice (one use).
        await matcher.RepliedAsync(conversation, "ann", "Let me check that with the warehouse.", Ct);
        Assert.DoesNotContain(await uses.ForConversationAsync(conversation, Ct), u => u.Action == AssistUse.Used);
        await matcher.RepliedAsync(conversation, "bob", "I've issued a refund for order A-12345, it will reach your account within 5 working days.", Ct);
        await matcher.RepliedAsync(Guid.NewGuid(), "ann", "I've issued a refund for order A-12345, it will reach your account within 5 working days.", Ct);
        Assert.DoesNotContain(await uses.ForConversationAsync(conversation, Ct), u => u.Action == AssistUse.Used);

        await matcher.RepliedAsync(conversation, "ann", "Hi Carol, I've issued a refund for order A-12345, it will reach your account within 5 working days. Anything else?", Ct);
        await matcher.RepliedAsync(conversation, "ann", "Hi Carol, I've issued a refund for order A-12345, it will reach your account within 5 working days.", Ct);
        await matcher.RepliedAsync(conversation, "ann", "Good news: your new card is on its way and should arrive by Friday!", Ct);

        var used = (await uses.ForConversationAsync(conversation, Ct)).Where(u => u.Action == AssistUse.Used).ToList();
        Assert.Equal(2, used.Count);
        // Both uses are written at the same (fake) instant, and version-7 ids made within one millisecond are not ordered: compare by kind.
        Assert.Equal([(draft.Id, "draft"), (inserted.Id, "reply")], used.Select(u => (u.SourceUse!.Value, u.Kind)).OrderBy(u => u.Kind, StringComparer.Ordinal));
        var usage = await uses.UsageAsync(null, 100, Ct);
        Assert.Equal((1, 1), usage.Where(u => u.Kind == "reply").Select(u => (u.Inserted, u.Used)).Single());
    }

    private static async Task<(SentReplyMatcher Matcher, AssistUseStore Uses, Guid Reply)> WorldAsync(StoreUnderTest store)
    {
        var library = new ReplyLibraryStore(store.Dialect);
        var uses = new AssistUseStore(store.Dialect);
        var normalizer = new ReplyNormalizer(new SensitiveDataRedactor());
        await library.MergeAsync([new MinedReply(Refund, ReplyNormalizer.KeyOf(Refund), 4, 3, [])], store.Time.GetUtcNow(), Ct);
        var reply = (await library.ListAsync(LibraryReply.Candidate, 10, Ct)).Single().Id;
        await library.ReviewAsync(reply, LibraryReply.Published, Refund, "admin", store.Time.GetUtcNow(), Ct);
        return (new SentReplyMatcher(uses, new KnowledgeArticleStore(store.Dialect), library, normalizer, store.Time), uses, reply);
    }
}

public sealed class SqliteSentReplyMatcherTests : SentReplyMatcherTests
{
    protected override Task<StoreUnderTest> StoreAsync() => StoreUnderTest.SqliteAsync();
}

public sealed class PostgresSentReplyMatcherTests : SentReplyMatcherTests
{
    protected override Task<StoreUnderTest> StoreAsync() => StoreUnderTest.PostgresAsync();
}
