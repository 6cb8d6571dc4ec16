using System.Text.Json;
using Connector.Worker.Push;

namespace Connector.Worker.Tests.Push;

public sealed class PostgresPushFeedTests
{
    [Fact]
    public void Entries_travel_in_as_few_notifications_as_fit_under_the_limit_in_order_and_an_oversized_one_without_its_data()
    {
        var entries = Enumerable.Range(1, 300)
            .Select(i => new PushEntry("agent:ann", i, "offerMade", JsonSerializer.Serialize(new { text = new string('x', 60) }), DateTimeOffset.UnixEpoch))
            .Append(new PushEntry("agent:ann", 301, "timelineAdded", JsonSerializer.Serialize(new { text = new string('y', 9000) }), DateTimeOffset.UnixEpoch))
            .ToList();

        var payloads = PostgresPushFeed.Payloads(entries).ToList();
        var carried = payloads.SelectMany(p => JsonSerializer.Deserialize<List<PushEntry>>(p, JsonSerializerOptions.Web)!).ToList();

        Assert.All(payloads, p => Assert.True(p.Length < 8000, $"{p.Length} characters"));
        Assert.InRange(payloads.Count, 2, 12);
        Assert.Equal(Enumerable.Range(1, 301).Select(i => (long)i), carried.Select(e => e.Seq));
        Assert.Null(carried[^1].Data);
        Assert.NotNull(carried[0].Data);
    }
}
