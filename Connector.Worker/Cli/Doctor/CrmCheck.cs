using Connector.Core.Crm;
using Connector.Worker.Crm;
using Connector.Worker.Hosting;

namespace Connector.Worker.Cli.Doctor;

/// <summary>The configured CRM: a token and one read through the adapter's <see cref="ICrmHealthProbe"/>.</summary>
internal static class CrmCheck
{
    public static async Task<DoctorResult> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        if (services.GetRequiredService<StartupConfiguration>().CrmAdapter is not { } adapter)
        {
            return DoctorResult.NotConfigured("CRM", $"{CrmAdapterRegistry.ProviderKey} is not set: nothing is written to a CRM");
        }

        var name = $"CRM ({adapter.Name})";
        if (services.GetService<ICrmHealthProbe>() is not { } probe)
        {
            return DoctorResult.Failed(name, "the adapter has no health probe", "this build's adapter cannot be checked: report it");
        }

        var settings = $"Crm:{adapter.Name}";
        try
        {
            return DoctorResult.Passed(name, await probe.ProbeAsync(ct));
        }
        catch (CrmRequestFailedException ex) when (ex.StatusCode is 400 or 401 or 403)
        {
            return DoctorResult.Failed(name, $"credentials refused: {ex.Message}",
                $"check the client id, secret or key under {settings} (and that the app is allowed API access in the CRM)");
        }
        catch (CrmRequestFailedException ex)
        {
            return DoctorResult.Failed(name, ex.Message, $"check the URLs under {settings} and the CRM's status");
        }
        catch (HttpRequestException ex)
        {
            return DoctorResult.Failed(name, $"cannot be reached: {ex.Message}", $"check the URLs under {settings}, DNS and the outbound firewall");
        }
    }
}
