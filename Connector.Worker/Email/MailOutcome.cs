namespace Connector.Worker.Email;

/// <summary>What became of one mail in a poll.</summary>
internal enum MailOutcome
{
    Taken,
    Duplicate,
    Own,
    Skipped,
}
