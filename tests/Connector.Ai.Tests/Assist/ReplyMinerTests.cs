using Connector.Ai.Assist;
using Connector.Ai.Embeddings;
using Connector.Core.Compliance;

namespace Connector.Ai.Tests.Assist;

/// <summary>Mining with the real sentence model: paraphrases are one reply, and what one agent alone says is not the team's.</summary>
public sealed class ReplyMinerTests : IDisposable
{
    private readonly SentenceEmbedder embedder = new();
    private readonly ReplyMiner miner;

    public ReplyMinerTests()
    {
        miner = new ReplyMiner(new ReplyNormalizer(new SensitiveDataRedactor()), embedder);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Paraphrased_replies_of_several_agents_are_one_candidate_ranked_by_how_often_they_were_sent()
    {
        PastReply[] sent =
        [
            new("ann", "Hi Carol, I've issued a refund for order A-12345, it will reach your account within 5 working days."),
            new("ben", "Hi Dan, I have issued a refund for order B-99812. It will reach your account within 5 working days."),
            new("ann", "Hello Eve, I've issued a refund for order C-55512, it should reach your account within 5 working days."),
            new("cat", "I've issued the refund for your order D-77123, it will be back in your account within 5 working days."),
            new("ben", "To reset your password, click Forgot password on the sign-in page and follow the link we email you."),
            new("cat", "To reset your password click 'Forgot password' on the sign in page, then follow the link in the email."),
            new("ann", "To reset your password, click Forgot password on the sign-in page and follow the link we email you."),
        ];

        var mined = miner.Mine(sent, MiningThresholds.Default, Ct);

        Assert.Equal(2, mined.Count);
        var refund = mined[0];
        Assert.Equal(4, refund.SentCount);
        Assert.Equal(3, refund.AgentCount);
        Assert.Contains("{order}", refund.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Carol", refund.Text, StringComparison.Ordinal);
        Assert.All(refund.Variants, v => Assert.DoesNotContain("-12345", v, StringComparison.Ordinal));
        var password = mined[1];
        Assert.Equal((3, 3), (password.SentCount, password.AgentCount));
        Assert.Contains("password", password.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_reply_only_one_agent_sends_is_left_out_however_often_they_send_it()
    {
        var sent = Enumerable.Range(0, 10).Select(i => new PastReply("ann", $"Thanks for waiting, I'm checking with the warehouse about order Z-{1000 + i} now."))
            .Append(new PastReply("ben", "Our opening hours are 8 to 6 on weekdays and 9 to 1 on Saturdays."))
            .Append(new PastReply("cat", "Our opening hours are 8 to 6 on weekdays and 9 to 1 on Saturdays."))
            .ToList();

        var mined = miner.Mine(sent, MiningThresholds.Default, Ct);

        // The warehouse reply: ten times, one agent. The opening hours: two agents but only twice (fewer than three).
        Assert.Empty(mined);
        var relaxed = miner.Mine(sent, MiningThresholds.Default with { MinSent = 2 }, Ct);
        Assert.Equal("Our opening hours are {number} to {number} on weekdays and {number} to {number} on Saturdays.", Assert.Single(relaxed).Text);
    }

    [Fact]
    public void Replies_about_different_things_are_not_grouped_because_they_share_words()
    {
        PastReply[] sent =
        [
            new("ann", "Your parcel has been dispatched and will arrive tomorrow."),
            new("ben", "Your parcel has been dispatched and will arrive tomorrow."),
            new("cat", "Your parcel has been dispatched and will arrive tomorrow."),
            new("ann", "Your account has been closed and your data will be deleted."),
            new("ben", "Your account has been closed and your data will be deleted."),
            new("cat", "Your account has been closed and your data will be deleted."),
        ];

        var mined = miner.Mine(sent, MiningThresholds.Default, Ct);

        Assert.Equal(2, mined.Count);
        Assert.All(mined, m => Assert.Equal(3, m.SentCount));
    }

    public void Dispose() => embedder.Dispose();
}
