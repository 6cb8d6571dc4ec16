using Connector.Worker.Email;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>The <c>imap_cursors</c> table on each store.</summary>
public sealed class ImapCursorStoreTests
{
    private const string Account = "agent@example.com@imap.example.com";
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_cursor_only_moves_forward_within_one_UIDVALIDITY_and_restarts_with_a_new_one(string storeKind)
    {
        await using var s = await EmailIntakeUnderTest.CreateAsync(storeKind);

        Assert.Null(await s.Cursors.GetAsync(Account, "INBOX", Ct));
        await s.Cursors.AdvanceAsync(Account, "INBOX", 1_795_578_316, 7, At, Ct);
        await s.Cursors.AdvanceAsync(Account, "INBOX", 1_795_578_316, 5, At, Ct); // a slower, overlapping poll
        Assert.Equal(new ImapCursor(1_795_578_316, 7), await s.Cursors.GetAsync(Account, "INBOX", Ct));

        await s.Cursors.AdvanceAsync(Account, "INBOX", 4_000_000_000, 0, At, Ct);
        Assert.Equal(new ImapCursor(4_000_000_000, 0), await s.Cursors.GetAsync(Account, "INBOX", Ct));
        Assert.Null(await s.Cursors.GetAsync(Account, "Support", Ct));
        Assert.Null(await s.Cursors.GetAsync("other@imap.example.com", "INBOX", Ct));
    }
}
