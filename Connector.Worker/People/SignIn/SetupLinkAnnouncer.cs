using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// At start, with local accounts in use and none made yet, issues the <see cref="SetupLink"/> and logs it once the
/// Worker listens (the address is known only then). Registered after the schema migration, so the table exists.
/// </summary>
internal sealed partial class SetupLinkAnnouncer(
    LocalAccountStore accounts, SetupLink link, IOptions<AuthOptions> options, IHostApplicationLifetime lifetime, IServer server, ILogger<SetupLinkAnnouncer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.UsesOidc || await accounts.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var token = link.Issue();
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
            LogSetupLink(logger, $"{address.TrimEnd('/')}{SignInEndpoints.SetupPath}?token={token}");
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No local account yet: open {SetupUrl} to create the first admin (valid once, until the Worker restarts), or run the add-user verb (add-user --help)")]
    private static partial void LogSetupLink(ILogger logger, string setupUrl);
}
