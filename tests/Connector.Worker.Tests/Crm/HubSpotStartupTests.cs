using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Crm;

/// <summary>Crm:Provider=HubSpot as an operator meets it: a wrong or missing <c>Crm:HubSpot:*</c> key stops the Worker naming it.</summary>
public sealed class HubSpotStartupTests
{
    private const string ClientSecret = "client-secret-7f3a";
    private const string RefreshToken = "na1-refresh-token-91c2";

    [Theory]
    [InlineData(null, "Crm:HubSpot:ClientId")]
    [InlineData("Crm__HubSpot__BaseUrl=not a url", "Crm:HubSpot:BaseUrl")]
    [InlineData("Crm__HubSpot__KeyProperty=Connector Key", "Crm:HubSpot:KeyProperty")]
    [InlineData("Crm__HubSpot__DefaultRegion=XQ", "Crm:HubSpot:DefaultRegion")]
    [InlineData("Crm__HubSpot__RefreshAhead=soon", "Crm:HubSpot:RefreshAhead")]
    public async Task A_wrong_or_missing_HubSpot_key_stops_start_up_naming_it(string? setting, string key)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Crm__Provider"] = "HubSpot",
            ["Crm__HubSpot__ClientSecret"] = ClientSecret,
            ["Crm__HubSpot__RefreshToken"] = RefreshToken,
        };
        if (setting is not null)
        {
            var (name, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            environment[name] = value;
            environment["Crm__HubSpot__ClientId"] = "client";
        }

        await using var worker = WorkerProcess.Start(environment);

        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_app_token_alone_is_a_complete_HubSpot_configuration()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>
        {
            ["Crm__Provider"] = "HubSpot",
            ["Crm__HubSpot__AccessToken"] = "pat-na1-00000000-0000-0000-0000-000000000000",
        });

        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
    }
}
