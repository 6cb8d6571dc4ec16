using Connector.Worker.Acs;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Tests.Acs;

public sealed class AcsServiceCollectionExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_versions_are_pinned_to_those_of_the_reference_by_default()
    {
        await using var clients = AcsClientsUnderTest.Build(new Dictionary<string, string?>());

        var versions = clients.Get<IOptions<AcsOptions>>().Value.ApiVersions;

        Assert.Equal("2023-10-01", versions.Identity);
        Assert.Equal("2025-03-15", versions.Chat);
        Assert.Equal("2024-08-30", versions.Messages);
        Assert.Equal("2023-03-31", versions.Email);
        Assert.Equal("2025-05-15", versions.CallAutomation);
    }

    [Fact]
    public async Task Every_key_of_the_Acs_section_binds()
    {
        await using var clients = AcsClientsUnderTest.Build(new Dictionary<string, string?>
        {
            ["Acs:WebhookKey"] = "wh",
            ["Acs:CallbackBaseUrl"] = "https://connector.example/",
            ["Acs:WhatsApp:ChannelRegistrationId"] = AcsClientsUnderTest.ChannelRegistrationId,
            ["Acs:Email:SenderAddress"] = "DoNotReply@contoso.example",
            ["Acs:ApiVersions:Email"] = "2025-09-01",
        });

        var options = clients.Get<IOptions<AcsOptions>>().Value;

        Assert.Equal("wh", options.WebhookKey);
        Assert.Equal("https://connector.example/", options.CallbackBaseUrl);
        Assert.Equal(AcsClientsUnderTest.ChannelRegistrationId, options.WhatsApp.ChannelRegistrationId);
        Assert.Equal("DoNotReply@contoso.example", options.Email.SenderAddress);
        Assert.Equal("2025-09-01", options.ApiVersions.Email);
    }

    [Fact]
    public async Task Without_a_connection_string_the_Worker_starts_and_a_client_says_what_is_missing_when_used()
    {
        await using var clients = AcsClientsUnderTest.Build(new Dictionary<string, string?>());

        clients.Get<IStartupValidator>().Validate();
        Assert.False(clients.Get<AcsConnection>().IsConfigured);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => clients.Get<AcsIdentityClient>().CreateChatUserAsync(null, Ct));
        Assert.StartsWith("Acs:ConnectionString is not configured", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => clients.Get<AcsChatClient>().SendMessageAsync("token", "19:x@thread.v2", "hi", null, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => clients.Get<AcsMessagesClient>().SendTextAsync("+447700900123", "hi", Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => clients.Get<AcsEmailClient>().GetOperationAsync("op", Ct));
    }

    [Fact]
    public async Task A_malformed_connection_string_stops_the_start_naming_the_key_but_not_the_secret()
    {
        await using var clients = AcsClientsUnderTest.Build(new Dictionary<string, string?>
        {
            ["Acs:ConnectionString"] = "endpoint=https://contoso.communication.azure.com/;accesskey=TOP*SECRET",
        });

        var error = Assert.Throws<OptionsValidationException>(() => clients.Get<IStartupValidator>().Validate());

        Assert.Contains("Acs:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP*SECRET", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acs:WhatsApp:ChannelRegistrationId", "not-a-guid")]
    [InlineData("Acs:Email:SenderAddress", "nobody")]
    [InlineData("Acs:Email:SendStatusTimeout", "00:00:00")]
    [InlineData("Acs:Email:DefaultPollInterval", "-00:00:01")]
    [InlineData("Acs:CallbackBaseUrl", "/relative")]
    [InlineData("Acs:ApiVersions:Messages", "latest")]
    public async Task A_bad_value_stops_the_start_naming_its_key(string key, string value)
    {
        await using var clients = AcsClientsUnderTest.Build(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => clients.Get<IStartupValidator>().Validate());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_channel_registration_a_WhatsApp_send_says_which_key_is_missing()
    {
        await using var clients = AcsClientsUnderTest.Build(new Dictionary<string, string?>
        {
            ["Acs:ConnectionString"] = "endpoint=http://127.0.0.1:9/;accesskey=a2V5",
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => clients.Get<AcsMessagesClient>().SendTextAsync("+447700900123", "hi", Ct));

        Assert.StartsWith("Acs:WhatsApp:ChannelRegistrationId is not configured", error.Message, StringComparison.Ordinal);
    }
}
