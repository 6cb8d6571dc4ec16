using Connector.Core.Compliance;

namespace Connector.Worker.Hosting.Logging;

public static class LogMaskingExtensions
{
    /// <summary>
    /// Puts <see cref="LogMasking"/> in front of every logging provider registered so far (call it last): a card number,
    /// a configured key or password, a bearer token or a <c>key=</c> query that reaches a log message is masked before
    /// it is written. Microsoft.Extensions.Compliance.Redaction redacts values by their data classification and does
    /// not look inside free text, which is where these arrive (a customer's message, an exception, a URL).
    /// </summary>
    public static ILoggingBuilder AddLogMasking(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var masking = new LogMasking(new SecretMasker(ConfiguredSecrets.Read(configuration)), new SensitiveDataRedactor());
        var services = logging.Services;
        var providers = services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList();
        foreach (var provider in providers)
        {
            services.Remove(provider);
            services.AddSingleton<ILoggerProvider>(sp => new MaskingLoggerProvider(Create(sp, provider), masking));
        }

        return logging;
    }

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
