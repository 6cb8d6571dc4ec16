using Connector.Worker.Api;
using Microsoft.Extensions.Configuration;

namespace Connector.Worker.Tests.Api;

public sealed class ApiOptionsValidatorTests
{
    [Theory]
    [InlineData("http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080")]
    public void The_development_loopback_admin_is_allowed_while_the_Worker_listens_on_loopback_only(string urls) =>
        Assert.True(Validate(urls).Succeeded);

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://localhost:5080;http://10.0.0.4:5080")]
    [InlineData("http://connector.example.com:80")]
    public void The_development_loopback_admin_stops_start_up_when_the_Worker_listens_beyond_loopback(string urls)
    {
        var result = Validate(urls);

        Assert.True(result.Failed);
        Assert.Contains("Api:DevelopmentLoopbackAdmin", result.FailureMessage, StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string urls)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();
        return new ApiOptionsValidator(configuration).Validate(null, new ApiOptions { DevelopmentLoopbackAdmin = true });
    }
}
