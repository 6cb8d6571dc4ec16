using Connector.Worker.Email;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>
/// The Dovecot server that <c>tests/infra/dovecot.sh start</c> runs (its address in CONNECTOR_TEST_IMAP). Every test
/// gets a folder of its own, so tests never see each other's mail.
/// </summary>
public static class TestImap
{
    public const string Variable = "CONNECTOR_TEST_IMAP";
    public const string Username = "agent@example.com";
    public const string Password = "secret";

    public static (string Host, int Port) Server
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                Assert.Skip($"{Variable} is not set: start a throwaway Dovecot with eval \"$(tests/infra/dovecot.sh start)\" (./build.sh test does), or point {Variable} at host:port of one with user {Username}.");
            }

            var colon = value.LastIndexOf(':');
            return (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static ImapOptions OptionsFor(string folder)
    {
        var (host, port) = Server;
        return new ImapOptions { Host = host, Port = port, UseTls = false, Username = Username, Password = Password, Folder = folder };
    }

    /// <summary>A new, empty folder with a name no other test uses.</summary>
    public static async Task<string> CreateFolderAsync(CancellationToken ct)
    {
        var name = $"test-{Guid.NewGuid():N}";
        await WithClientAsync(async client => await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(name, isMessageFolder: true, ct), ct);
        return name;
    }

    /// <summary>Places mails in the folder with IMAP APPEND, in order: they get ascending UIDs.</summary>
    public static Task AppendAsync(string folder, CancellationToken ct, params MimeMessage[] messages) =>
        WithClientAsync(async client =>
        {
            var target = await client.GetFolderAsync(folder, ct);
            foreach (var message in messages)
            {
                await target.AppendAsync(message, MessageFlags.None, ct);
            }
        }, ct);

    /// <summary>Deletes and creates the folder again: the server gives it a new UIDVALIDITY and numbers its mails from 1.</summary>
    public static Task RecreateFolderAsync(string folder, CancellationToken ct) =>
        WithClientAsync(async client =>
        {
            await (await client.GetFolderAsync(folder, ct)).DeleteAsync(ct);
            await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(folder, isMessageFolder: true, ct);
        }, ct);

    public static async Task<uint> UidValidityAsync(string folder, CancellationToken ct)
    {
        uint validity = 0;
        await WithClientAsync(async client =>
        {
            var target = await client.GetFolderAsync(folder, ct);
            await target.OpenAsync(FolderAccess.ReadOnly, ct);
            validity = target.UidValidity;
        }, ct);
        return validity;
    }

    private static async Task WithClientAsync(Func<ImapClient, Task> action, CancellationToken ct)
    {
        var (host, port) = Server;
        using var client = new ImapClient();
        await client.ConnectAsync(host, port, SecureSocketOptions.None, ct);
        await client.AuthenticateAsync(Username, Password, ct);
        await action(client);
        await client.DisconnectAsync(quit: true, ct);
    }
}
