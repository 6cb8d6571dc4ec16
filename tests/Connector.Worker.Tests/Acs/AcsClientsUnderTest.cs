using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Acs;

/// <summary>The Worker's ACS clients as <c>AddAcsClients</c> composes them, configured for a fake ACS.</summary>
public sealed class AcsClientsUnderTest : IAsyncDisposable
{
    public const string ChannelRegistrationId = "7fd3e4ee-6b5c-4e28-9e89-3d4d6a4f5a11";
    public const string SenderAddress = "DoNotReply@contoso.example";

    private readonly ServiceProvider provider;

    private AcsClientsUnderTest(ServiceProvider provider) => this.provider = provider;

    public IServiceProvider Services => provider;

    /// <param name="connectionString">Defaults to the fake's own (right key).</param>
    /// <param name="configure">Extra registrations, after <c>AddAcsClients</c> (a handler placed after the signer, a clock).</param>
    public static AcsClientsUnderTest For(FakeAcsServer fake, string? connectionString = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Acs:ConnectionString"] = connectionString ?? fake.ConnectionString,
            ["Acs:WhatsApp:ChannelRegistrationId"] = ChannelRegistrationId,
            ["Acs:Email:SenderAddress"] = SenderAddress,
            ["Acs:Email:DefaultPollInterval"] = "00:00:00.100",
        };
        return Build(settings, configure);
    }

    public static AcsClientsUnderTest Build(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAcsClients(configuration);
        configure?.Invoke(services);
        return new AcsClientsUnderTest(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
