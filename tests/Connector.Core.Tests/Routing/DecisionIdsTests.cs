using Connector.Core.Routing.Engine;

namespace Connector.Core.Tests.Routing;

public sealed class DecisionIdsTests
{
    [Fact]
    public void Decision_ids_are_unique_version_7_uuids_that_carry_the_decision_time()
    {
        var ids = new DecisionIds();
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, 123, TimeSpan.Zero);

        var made = Enumerable.Range(0, 10_000).Select(i => ids.Next(at.AddMilliseconds(i / 100))).ToList();

        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.All(made, id => Assert.Equal(7, id.Version));
        Assert.All(made, id => Assert.Equal(0b10, id.Variant >> 2));
        var first = made[0].ToString("N");
        Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(first[..12], 16)); // the first 48 bits: Unix milliseconds
        Assert.Equal(made.Select(id => id.ToString("N")[..12]).Order(StringComparer.Ordinal), made.Select(id => id.ToString("N")[..12]));
    }
}
