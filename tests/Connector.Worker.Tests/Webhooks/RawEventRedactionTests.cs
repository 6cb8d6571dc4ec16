using System.Text.Json;
using Connector.Core.Compliance;
using Connector.Worker.Webhooks;

namespace Connector.Worker.Tests.Webhooks;

public sealed class RawEventRedactionTests
{
    private readonly SensitiveDataRedactor _redactor = new();

    [Fact]
    public void A_card_number_in_any_string_value_is_masked_and_the_rest_of_the_body_is_kept()
    {
        const string raw = """{"id":"e1","data":{"content":"card 4111 1111 1111 1111","from":"447700900123","n":12.50,"ok":true,"list":[null,"ref-4111111111111111"]}}""";

        var kept = JsonDocument.Parse(RawEventRedaction.Redact(raw, _redactor)).RootElement;

        Assert.Equal("card [card number redacted]", kept.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal("ref-[card number redacted]", kept.GetProperty("data").GetProperty("list")[1].GetString());
        Assert.Equal("447700900123", kept.GetProperty("data").GetProperty("from").GetString());
        Assert.Equal(12.50m, kept.GetProperty("data").GetProperty("n").GetDecimal());
        Assert.True(kept.GetProperty("data").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void A_body_with_nothing_sensitive_is_kept_byte_for_byte()
    {
        const string raw = "[ { \"id\" : \"e2\", \"data\": {\"content\": \"Hello, my router is broken\" } } ]";

        Assert.Same(raw, RawEventRedaction.Redact(raw, _redactor));
    }
}
