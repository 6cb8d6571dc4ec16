using System.ClientModel;
using Connector.Ai;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Cli.Doctor;

/// <summary>
/// The AI endpoint, when <c>Ai:Provider</c> names one: one chat completion of a single token through the client the
/// Worker uses (<see cref="IChatClient"/> from <c>Connector.Ai</c>), so the key, the endpoint and the model or
/// deployment are all checked by the service itself.
/// </summary>
internal static class AiCheck
{
    private const string Name = "AI";

    public static async Task<DoctorResult> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<AiOptions>>().Value;
        if (options.Provider == AiProvider.None)
        {
            return DoctorResult.Passed(Name, "Ai:Provider is None: the embedded methods answer (sentiment, QA scoring); nothing leaves this machine");
        }

        var name = $"{Name} ({options.Provider})";
        var endpoint = options.Endpoint!.GetLeftPart(UriPartial.Path);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await services.GetRequiredService<IChatClient>().GetResponseAsync(
                [new ChatMessage(ChatRole.User, "Reply with OK.")], new ChatOptions { MaxOutputTokens = 1 }, timeout.Token);
            return DoctorResult.Passed(name, $"{options.Deployment} at {endpoint} answered in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        }
        catch (ClientResultException ex) when (ex.Status is 401 or 403)
        {
            return DoctorResult.Failed(name, $"{endpoint} refused the key ({ex.Status})",
                "set Ai:Key to a valid key for this endpoint (OpenAI: an API key; Azure OpenAI: one of the resource's keys)");
        }
        catch (ClientResultException ex) when (ex.Status == 404)
        {
            return DoctorResult.Failed(name, $"{endpoint} has no model or deployment '{options.Deployment}' (404)",
                options.Provider == AiProvider.AzureOpenAI
                    ? "set Ai:Deployment to the name of a deployment of this Azure OpenAI resource, and Ai:Endpoint to the resource (https://{resource}.openai.azure.com/)"
                    : "set Ai:Deployment to a model this endpoint serves, and Ai:Endpoint to its base URL with /v1");
        }
        catch (ClientResultException ex) when (ex.Status == 0)
        {
            // No HTTP answer at all: the transport failed (refused, DNS, TLS).
            return DoctorResult.Failed(name, $"{endpoint} cannot be reached: {ex.InnerException?.Message ?? ex.Message}",
                "check Ai:Endpoint, DNS and the outbound firewall");
        }
        catch (ClientResultException ex)
        {
            return DoctorResult.Failed(name, $"{endpoint} answered {ex.Status}", "check the AI service's status, then Ai:Endpoint and Ai:Deployment");
        }
        catch (HttpRequestException ex)
        {
            return DoctorResult.Failed(name, $"{endpoint} cannot be reached: {ex.Message}", "check Ai:Endpoint, DNS and the outbound firewall");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return DoctorResult.Failed(name, $"{endpoint} did not answer within Ai:Timeout ({options.Timeout})",
                "check Ai:Endpoint and the service's status; the Worker falls back to the embedded methods meanwhile");
        }
    }
}
