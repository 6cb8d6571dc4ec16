using System.Net;
using Connector.Worker.Acs;

namespace Connector.Worker.Cli.Doctor;

/// <summary>
/// One HMAC-signed GET that changes nothing: the status of an email operation no one started. ACS answers 404 when it
/// accepted the signature (the key is right) and 401 when it did not.
/// </summary>
internal static class AcsCheck
{
    private const string Name = "ACS";

    public static async Task<DoctorResult> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var connection = services.GetRequiredService<AcsConnection>();
        if (!connection.IsConfigured)
        {
            return DoctorResult.Failed(Name, "Acs:ConnectionString is not set: no message can be sent or received",
                "set Acs:ConnectionString to the resource's connection string (Azure portal → Communication Service → Keys)");
        }

        var endpoint = connection.Current.Endpoint;
        try
        {
            await services.GetRequiredService<AcsEmailClient>().GetOperationAsync($"doctor-{Guid.NewGuid():N}", ct);
            return DoctorResult.Passed(Name, $"{endpoint} accepted a signed request");
        }
        catch (AcsRequestFailedException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return DoctorResult.Passed(Name, $"{endpoint} accepted a signed request");
        }
        catch (AcsRequestFailedException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return DoctorResult.Failed(Name, $"{endpoint} refused the signature ({(int)ex.StatusCode}{(ex.ErrorCode is null ? "" : " " + ex.ErrorCode)})",
                "the accesskey in Acs:ConnectionString is wrong or was rotated: copy a current key from the Azure portal (Communication Service → Keys)");
        }
        catch (AcsRequestFailedException ex)
        {
            return DoctorResult.Failed(Name, ex.Message, "check the endpoint in Acs:ConnectionString and the resource's state in the Azure portal");
        }
        catch (HttpRequestException ex)
        {
            return DoctorResult.Failed(Name, $"{endpoint} cannot be reached: {ex.Message}", "check the endpoint in Acs:ConnectionString, DNS and the outbound firewall");
        }
    }
}
