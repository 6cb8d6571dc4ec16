namespace Connector.Worker.Email;

/// <summary>What one poll did with the mails it found.</summary>
/// <param name="Taken">Mails that became timeline messages.</param>
/// <param name="Duplicates">Mails the intake already had (read again after a crash or a UIDVALIDITY change).</param>
/// <param name="Own">Mails from the connector's own sender address, not taken in.</param>
/// <param name="Skipped">Mails that could not be parsed or name no usable sender; kept on disk and logged.</param>
internal sealed record ImapPollSummary(int Taken, int Duplicates, int Own, int Skipped)
{
    public int Read => Taken + Duplicates + Own + Skipped;
}
