using Connector.Worker.Outbox;

namespace Connector.Worker.Tests.Outbox;

public sealed class OutboxOptionsTests
{
    [Fact]
    public void Without_a_worker_count_the_default_queue_gets_twice_the_cores_and_at_least_four()
    {
        var options = new OutboxOptions();

        Assert.Null(options.Workers);
        Assert.Equal(Math.Max(4, Environment.ProcessorCount * 2), options.WorkersOrDefault);
        Assert.Equal(32, new OutboxOptions { Workers = 32 }.WorkersOrDefault);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void A_worker_count_outside_one_to_two_hundred_is_refused_naming_the_key(int workers)
    {
        var result = new OutboxOptionsValidator().Validate(null, new OutboxOptions { Workers = workers });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Outbox:Workers", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void An_express_worker_count_outside_one_to_two_hundred_is_refused_naming_the_key(int workers)
    {
        var result = new OutboxOptionsValidator().Validate(null, new OutboxOptions { ExpressWorkers = workers });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Outbox:ExpressWorkers", StringComparison.Ordinal));
        Assert.Equal(16, new OutboxOptions().ExpressWorkersOrDefault);
    }
}
