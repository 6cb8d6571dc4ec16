using Connector.Core.Compliance;

namespace Connector.Core.Tests.Compliance;

public sealed class SecretMaskerTests
{
    private readonly SecretMasker _masker = new(["0123456789abcdef-admin", "short"]);

    [Theory]
    [InlineData("admin key 0123456789abcdef-admin used", "admin key [secret redacted] used")]
    [InlineData("POST http://127.0.0.1:5080/webhooks/acs/events?key=s3cr3t-value&x=1", "POST http://127.0.0.1:5080/webhooks/acs/events?key=[secret redacted]&x=1")]
    [InlineData("endpoint=https://acs.example/;accesskey=QUJDREVGR0g=", "endpoint=https://acs.example/;accesskey=[secret redacted]")]
    [InlineData("Host=db;Username=connector;Password=pa55word;Database=c", "Host=db;Username=connector;Password=[secret redacted];Database=c")]
    [InlineData("Authorization: Bearer abcdefghijklmnop", "Authorization: Bearer [secret redacted]")]
    [InlineData("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJl end", "token [secret redacted] end")]
    [InlineData("{\"access_token\":\"00Dxx!AQ4AQ\",\"instance_url\":\"https://x\"}", "{\"access_token\":\"[secret redacted]\",\"instance_url\":\"https://x\"}")]
    public void Credentials_are_masked_wherever_they_are_written(string text, string expected)
    {
        Assert.Equal(expected, _masker.Mask(text));
    }

    [Theory]
    [InlineData("Delivery status code: 200 for message 42")]
    [InlineData("open http://localhost:5080/setup?token=abc123 to create the first admin")]
    [InlineData("a short configured value is not masked as such")]
    public void Ordinary_lines_and_the_setup_link_are_left_alone(string text)
    {
        Assert.Equal(text, _masker.Mask(text));
    }
}
