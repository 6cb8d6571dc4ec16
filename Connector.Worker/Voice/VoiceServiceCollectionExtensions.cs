using Connector.Core.Channels;
using Connector.Core.Configuration;
using Connector.Worker.Acs;

namespace Connector.Worker.Voice;

public static class VoiceServiceCollectionExtensions
{
    /// <summary>
    /// Voice through ACS Call Automation: the call flow, the agents' lines, recordings and transcripts, and the voice
    /// side of an assignment (the agent is connected to the call). Endpoints: <see cref="VoiceEndpoints"/>.
    /// </summary>
    public static IServiceCollection AddVoice(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<VoiceOptions, VoiceOptionsValidator>(configuration, VoiceOptions.Section);
        // Resilience outside, signing inside (as the other ACS clients): every attempt is signed with its own date.
        var automation = services.AddHttpClient<AcsCallAutomationClient>();
        automation.AddStandardResilienceHandler(AcsResilience.Configure);
        automation.AddHttpMessageHandler<AcsHmacHandler>();
        var recordings = services.AddHttpClient<AcsCallRecordingClient>();
        recordings.ConfigurePrimaryHttpMessageHandler(AcsFileCopy.Handler);
        recordings.AddStandardResilienceHandler(AcsResilience.Configure);
        services.AddHttpClient(nameof(CallbackJwtValidator));
        services.AddSingleton<VoiceCallStore>();
        services.AddSingleton<RecordingChunkStore>();
        services.AddSingleton<CallLocks>();
        services.AddSingleton<CallbackUris>();
        services.AddSingleton<CallTimeline>();
        services.AddSingleton<SecureCaptureSessions>();
        services.AddSingleton<CallTranscripts>();
        services.AddSingleton<CallFlow>();
        services.AddSingleton<CallAgentConnector>();
        services.AddSingleton<CallControls>();
        services.AddSingleton<CallbackJwtValidator>();
        services.AddSingleton<CallbackAuthenticator>();
        services.AddSingleton<VoiceEventReceiver>();
        services.AddSingleton<IncomingCallAnswerer>();
        services.AddHostedService(sp => sp.GetRequiredService<IncomingCallAnswerer>());
        services.AddSingleton<ITaskAssignmentHandler, VoiceAssignmentHandler>();
        services.AddTransient<RecordingDownloadJob>();
        return services;
    }
}
