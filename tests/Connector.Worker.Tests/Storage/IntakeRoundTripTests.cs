using System.Collections.Concurrent;
using System.Diagnostics;
using Connector.Core.Intake;
using Connector.Worker.Tests.Infrastructure;
using static Connector.Worker.Tests.Infrastructure.Events;

namespace Connector.Worker.Tests.Storage;

/// <summary>
/// How many commands intake sends to PostgreSQL for one event, counted from Npgsql's own tracing (one activity per
/// command sent, however many statements it carries): the writes of a unit of work travel together.
/// </summary>
public sealed class IntakeRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_customers_first_message_with_its_raw_delivery_takes_three_commands_before_the_commit()
    {
        await using var s = await StoreUnderTest.PostgresAsync();
        var raw = new InboundRawEvent("rt-1", "Microsoft.Communication.AdvancedMessageReceived", "acs", """{"id":"rt-1"}""");

        var commands = await CommandsOfAsync(s, () => s.Intake.AcceptAsync(Events.WhatsApp("rt-1", "+447700900951", Monday9am), raw, Ct));

        // The event id with the raw delivery; the identities lookup; every row of the new customer, conversation, timeline and task.
        Assert.Equal(3, commands.Count);
        Assert.Contains("INSERT INTO raw_events", commands[0], StringComparison.Ordinal);
        Assert.Contains("INSERT INTO routing_tasks", commands[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_returning_customers_message_reads_customer_conversation_and_task_in_four_commands_and_writes_in_one()
    {
        await using var s = await StoreUnderTest.PostgresAsync();
        await s.Intake.AcceptAsync(Events.WhatsApp("rt-2", "+447700900952", Monday9am), Ct);

        var commands = await CommandsOfAsync(s, () => s.Intake.AcceptAsync(Events.WhatsApp("rt-3", "+447700900952", Monday9am.AddMinutes(1), "Any news?"), Ct));

        // Event id; identities; the customer held with their identities; the open conversation with its segments; the open task; the writes.
        Assert.Equal(6, commands.Count);
        Assert.Contains("UPDATE routing_tasks", commands[^1], StringComparison.Ordinal);
    }

    private static async Task<List<string>> CommandsOfAsync(StoreUnderTest s, Func<Task> run)
    {
        var database = s.DatabaseName;
        var seen = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Other tests run at the same time, each on a database of its own.
                if (Equals(activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name"), database)
                    && (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string text)
                {
                    seen.Enqueue(text);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await run();
        return [.. seen];
    }
}
