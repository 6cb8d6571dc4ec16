namespace Connector.Worker.Tests.Infrastructure;

/// <summary>Waits for a condition that another process makes true, failing with that process's output.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Condition not met within {timeout}.\n{context?.Invoke()}");
    }
}
