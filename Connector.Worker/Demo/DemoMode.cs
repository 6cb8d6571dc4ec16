using Connector.Worker.Demo.Customers;
using Connector.Worker.Demo.StandIn;

namespace Connector.Worker.Demo;

/// <summary>
/// <c>demo</c>: the service itself (Program.cs builds it as always) with demo settings layered on top of the usual
/// configuration: the data folder, the charter, the demo people, the ACS stand-in's connection string and keys. The
/// stand-in starts first (its port is part of the configuration); the demo's hosted services then set up the people
/// through the Worker's own API and start the customers.
/// </summary>
internal sealed class DemoMode
{
    /// <summary>The number customers call and the address they write to.</summary>
    public const string ContactCentrePhone = "+441632960100";
    public const string SenderAddress = "DoNotReply@contact.demo.example";

    private DemoMode(int? exitCode, DemoArguments? arguments, DemoSecrets? secrets, AcsStandIn? standIn)
    {
        ExitCode = exitCode;
        Arguments = arguments!;
        Secrets = secrets!;
        StandIn = standIn!;
    }

    /// <summary>Set when the demo does not run (<c>--help</c>, a bad argument): the process ends with it.</summary>
    public int? ExitCode { get; }

    public DemoArguments Arguments { get; }

    public DemoSecrets Secrets { get; }

    public AcsStandIn StandIn { get; }

    /// <summary>The host gets no command-line arguments of its own: every demo setting is layered in <see cref="LayerOn"/>.</summary>
    public static string[] HostArgs => [];

    /// <summary>Null unless the first argument is <c>demo</c>; otherwise the prepared demo, or the exit code to end with.</summary>
    public static async Task<DemoMode?> PrepareAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is not ["demo", .. var rest])
        {
            return null;
        }

        var arguments = DemoArguments.Parse(rest, out var problem, out var help);
        if (help)
        {
            await Console.Out.WriteLineAsync(DemoArguments.Usage);
            return new DemoMode(0, null, null, null);
        }

        if (arguments is null)
        {
            await Console.Error.WriteLineAsync($"{problem}{Environment.NewLine}{Environment.NewLine}{DemoArguments.Usage}");
            return new DemoMode(2, null, null, null);
        }

        if (PrepareFolder(arguments) is { } refused)
        {
            await Console.Error.WriteLineAsync(refused);
            return new DemoMode(2, null, null, null);
        }

        var secrets = await DemoSecrets.LoadOrCreateAsync(arguments.DataDirectory, DemoPeople.All.Select(p => p.Id), CancellationToken.None);
        await using (var charter = typeof(DemoMode).Assembly.GetManifestResourceStream("demo/charter.yaml")!)
        await using (var file = File.Create(Path.Combine(arguments.DataDirectory, "charter.yaml")))
        {
            await charter.CopyToAsync(file);
        }

        var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var standIn = await AcsStandIn.StartAsync(secrets, arguments.PublicUrl, logs, CancellationToken.None);
        return new DemoMode(null, arguments, secrets, standIn);
    }

    /// <summary>The demo's settings over the usual ones, and its services beside the Worker's.</summary>
    public void LayerOn(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = Arguments.Urls,
            ["ConnectionStrings:Connector"] = "", // the embedded store, whatever the environment says
            ["Storage:DataDirectory"] = Arguments.DataDirectory,
            ["Charter:Path"] = Path.Combine(Arguments.DataDirectory, "charter.yaml"),
            ["Crm:Provider"] = "None",
            ["Email:Imap:Host"] = "", // mail arrives through the simulator, into the same intake the IMAP poll uses
            ["Email:Imap:TrustedAuthServId"] = Customers.CustomerChannels.DemoAuthServId, // the simulated receiving server vouches for its customers' mail
            ["Auth:Oidc:Authority"] = "", // local accounts
            ["Api:AdminKey"] = Secrets.AdminKey,
            ["Api:DevelopmentLoopbackAdmin"] = "false",
            ["Acs:ConnectionString"] = StandIn.ConnectionString,
            ["Acs:WebhookKey"] = Secrets.WebhookKey,
            ["Acs:CallbackBaseUrl"] = Arguments.PublicUrl.ToString().TrimEnd('/'),
            ["Acs:WhatsApp:ChannelRegistrationId"] = StandIn.WhatsAppChannelId,
            ["Acs:Email:SenderAddress"] = SenderAddress,
            ["Voice:AnswerFor:0"] = ContactCentrePhone,
            ["Voice:CallerIdNumber"] = ContactCentrePhone,
            ["Voice:CallbackJwt:Audience"] = StandIn.ResourceId,
            ["Voice:CallbackJwt:OpenIdConfigurationUrl"] = StandIn.OpenIdConfigurationUrl.ToString(),
            ["Identity:DefaultRegion"] = "GB",
            // The simulated visitors all start their chats from this machine's address.
            ["Limits:ChatSessions:PermitsPerMinute"] = "10000",
            // A handful of simulated customers come back on chat all through a long demo.
            ["Limits:ChatSessionsPerClaimedIdentityPerHour"] = "10000",
            // The banner is what a new user reads; the Worker's routine lines would bury it.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Connector.Worker.Demo"] = "Information",
        };
        foreach (var person in DemoPeople.All.Where(p => p.Phone is not null))
        {
            settings[$"Voice:AgentPhoneNumbers:{person.Id}"] = person.Phone;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton(StandIn);
        builder.Services.AddHostedService(_ => StandIn);
        builder.Services.AddSingleton<DemoReady>();
        builder.Services.AddHostedService<DemoSetup>();
        builder.Services.AddHostedService<CustomerSimulator>();
    }

    /// <summary>Creates (or with --reset wipes and recreates) the data folder; refuses to wipe a folder that is not a demo's.</summary>
    private static string? PrepareFolder(DemoArguments arguments)
    {
        var folder = new DirectoryInfo(arguments.DataDirectory);
        if (arguments.Reset && folder.Exists)
        {
            if (folder.EnumerateFileSystemInfos().Any() && !File.Exists(Path.Combine(folder.FullName, DemoSecrets.FileName)))
            {
                return $"demo: --reset would wipe {folder.FullName}, which is not a demo data folder (no {DemoSecrets.FileName}); choose another --data.";
            }

            folder.Delete(recursive: true);
        }

        Directory.CreateDirectory(arguments.DataDirectory);
        return null;
    }
}
