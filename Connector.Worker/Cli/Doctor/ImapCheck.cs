using System.Net.Sockets;
using Connector.Worker.Email;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace Connector.Worker.Cli.Doctor;

/// <summary>The mailbox customers write to: connect, log in and open the folder, as the poll job does.</summary>
internal static class ImapCheck
{
    private const string Name = "Email (IMAP)";

    public static async Task<DoctorResult> RunAsync(IConfiguration configuration, CancellationToken ct)
    {
        // Bound without validation: a bad value is the configuration line's to report; this one checks the server.
        var settings = configuration.GetSection(ImapOptions.Section).Get<ImapOptions>() ?? new ImapOptions();
        if (!settings.Enabled)
        {
            return DoctorResult.NotConfigured(Name, $"{ImapOptions.Section}:Host is not set: no email is read");
        }

        using var client = new ImapClient { Timeout = 15_000 };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.EffectivePort, settings.SocketOptions, ct);
            await client.AuthenticateAsync(settings.Username ?? "", settings.Password ?? "", ct);
            var folder = await client.GetFolderAsync(settings.Folder, ct);
            await folder.OpenAsync(FolderAccess.ReadOnly, ct);
            await client.DisconnectAsync(quit: true, ct);
            return DoctorResult.Passed(Name, $"logged in to {settings} ({folder.Count} messages)");
        }
        catch (AuthenticationException ex)
        {
            return DoctorResult.Failed(Name, $"{settings} refused the login: {ex.Message}", $"check {ImapOptions.Section}:Username and Password");
        }
        catch (FolderNotFoundException)
        {
            return DoctorResult.Failed(Name, $"{settings}: no such folder", $"set {ImapOptions.Section}:Folder to a folder of the mailbox (INBOX by default)");
        }
        catch (Exception ex) when (ex is SocketException or IOException or SslHandshakeException or ImapProtocolException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return DoctorResult.Failed(Name, $"{settings.Host}:{settings.EffectivePort} cannot be reached: {ex.Message}",
                $"check {ImapOptions.Section}:Host, Port and UseTls, and that the server is up and reachable from here");
        }
    }
}
