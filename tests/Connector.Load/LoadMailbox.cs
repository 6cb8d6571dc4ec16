using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Connector.Load;

/// <summary>
/// Customers' emails, as their mail server delivers them: appended to the IMAP mailbox the Worker polls, each with the
/// receiving server's <c>Authentication-Results</c> (the Worker trusts <see cref="AuthServId"/>), so that a sender who
/// writes again is the same customer. A few IMAP connections, each appending one mail at a time.
/// </summary>
public sealed class LoadMailbox : IAsyncDisposable
{
    public const string AuthServId = "mx.load.example";

    private readonly string _host;
    private readonly int _port;
    private readonly System.Threading.Channels.Channel<ImapClient> _clients;
    private readonly List<ImapClient> _all = [];

    private LoadMailbox(string host, int port, int connections)
    {
        _host = host;
        _port = port;
        _clients = System.Threading.Channels.Channel.CreateBounded<ImapClient>(connections);
    }

    public static async Task<LoadMailbox> OpenAsync(string hostPort, int connections, CancellationToken ct)
    {
        var colon = hostPort.LastIndexOf(':');
        var mailbox = new LoadMailbox(hostPort[..colon], int.Parse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), connections);
        for (var i = 0; i < connections; i++)
        {
            var client = new ImapClient();
            await client.ConnectAsync(mailbox._host, mailbox._port, SecureSocketOptions.None, ct);
            await client.AuthenticateAsync(ThrowawayDovecot.User, ThrowawayDovecot.Password, ct);
            mailbox._all.Add(client);
            await mailbox._clients.Writer.WriteAsync(client, ct);
        }

        return mailbox;
    }

    /// <summary>Appends one customer's mail to INBOX; returns its Message-ID (bracketed, as the Worker keeps it).</summary>
    public async Task<string> AppendAsync(string from, string subject, string text, CancellationToken ct)
    {
        var domain = from[(from.IndexOf('@') + 1)..];
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(ThrowawayDovecot.User));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("load.example");
        message.Date = DateTimeOffset.UtcNow;
        message.Headers.Add("Authentication-Results", $"{AuthServId}; spf=pass smtp.mailfrom={domain}; dkim=pass header.d={domain}; dmarc=pass header.from={domain}");
        message.Body = new TextPart("plain") { Text = text };

        var client = await _clients.Reader.ReadAsync(ct);
        try
        {
            await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None), ct);
        }
        finally
        {
            await _clients.Writer.WriteAsync(client, CancellationToken.None);
        }

        return $"<{message.MessageId}>";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _all)
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true);
            }

            client.Dispose();
        }
    }
}
