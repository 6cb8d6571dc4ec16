using Connector.Worker.Audit;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>The audit log, legal holds and the retention job (scheduled with the other recurring jobs).</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<LegalHoldStore>();
        services.AddSingleton<CallRecordingAccess>();
        services.AddTransient<RetentionJob>();
        return services;
    }
}
