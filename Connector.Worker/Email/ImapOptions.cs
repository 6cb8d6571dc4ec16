using MailKit.Security;

namespace Connector.Worker.Email;

/// <summary>Configuration section <c>Email:Imap</c>: the mailbox customers write to. Without a Host the Worker runs without email.</summary>
public sealed class ImapOptions
{
    public const string Section = "Email:Imap";

    public string? Host { get; set; }

    /// <summary>Absent: 993 with TLS, 143 without.</summary>
    public int? Port { get; set; }

    /// <summary>Implicit TLS on port 993, STARTTLS (required) on any other port; false only for a server on loopback.</summary>
    public bool UseTls { get; set; } = true;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>How often the mailbox is read; it must divide a minute, an hour or a day (it becomes a cron schedule).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The authserv-id of the server that receives the mailbox's mail (the first word of the <c>Authentication-Results</c>
    /// header it adds, e.g. <c>mx.google.com</c>): its <c>dmarc=pass</c> for the From's domain makes the From verified.
    /// Absent: no header is believed and every From is claimed, kept apart from the address's verified owner until an
    /// agent confirms it.
    /// </summary>
    public string? TrustedAuthServId { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port ?? (UseTls ? 993 : 143);

    public SecureSocketOptions SocketOptions => !UseTls
        ? SecureSocketOptions.None
        : EffectivePort == 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;

    /// <summary>Names the mailbox without the password, so that logging the options cannot leak it.</summary>
    public override string ToString() => $"{Username}@{Host}:{EffectivePort}/{Folder}";
}
