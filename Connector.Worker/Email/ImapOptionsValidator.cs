using Microsoft.Extensions.Options;

namespace Connector.Worker.Email;

/// <summary>
/// Checks <c>Email:Imap</c> at start when a Host is set (no Host: email intake is off, and that is valid). Every
/// failure names its key; none repeats the password.
/// </summary>
internal sealed class ImapOptionsValidator : IValidateOptions<ImapOptions>
{
    public ValidateOptionsResult Validate(string? name, ImapOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add($"{ImapOptions.Section}:Port: {port} is not a TCP port (1–65535).");
        }

        if (string.IsNullOrWhiteSpace(options.Username))
        {
            failures.Add($"{ImapOptions.Section}:Username is required when {ImapOptions.Section}:Host is set.");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{ImapOptions.Section}:Password is required when {ImapOptions.Section}:Host is set.");
        }

        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            failures.Add($"{ImapOptions.Section}:Folder must name a folder (the default is INBOX).");
        }

        if (!ImapPollingSchedule.TryGetCron(options.PollInterval, out _))
        {
            failures.Add($"{ImapOptions.Section}:PollInterval '{options.PollInterval}' cannot be scheduled: use at least 00:00:05 and an interval that divides "
                + "a minute (00:00:05 … 00:00:30), an hour (00:01:00 … 00:30:00) or a day (01:00:00 … 12:00:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
