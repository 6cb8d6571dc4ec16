using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Kpis;

/// <summary>
/// A day of contact-centre traffic on all four channels, written to a store through its own paths (intake for each
/// contact; the router's save for each answer, end and abandonment; the presence API's store call for agents going on
/// and off line), and kept here as a plain ledger of what happened, to compute the KPIs from by hand.
/// Times are whole seconds, so both stores keep them exactly.
/// </summary>
internal sealed class SimulatedDay
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Arrivals per hour between 07:00 and 21:00, mean wait before an agent takes it, mean handle seconds.</summary>
    private static readonly (Channel Channel, double PerHour, double Wait, double Handle)[] Loads =
    [
        (Channel.Voice, 12, 25, 240),
        (Channel.Chat, 8, 45, 500),
        (Channel.WhatsApp, 10, 200, 700),
        (Channel.Email, 6, 3000, 400),
    ];

    /// <summary>Who is online for what, and when (hours of the day); offline between and after.</summary>
    private static readonly (string Agent, Channel[] Channels, double From, double To)[] Shifts =
    [
        ("ava", [Channel.Voice], 8, 12), ("ava", [Channel.Voice, Channel.Chat], 12.5, 17),
        ("bo", [Channel.Voice], 9, 18),
        ("cy", [Channel.Chat, Channel.WhatsApp], 8, 20),
        ("di", [Channel.WhatsApp, Channel.Email], 9, 18),
        ("ed", [Channel.Email], 7, 15), ("ed", [Channel.Email, Channel.Voice], 15, 21.5),
    ];

    private readonly Random _random = new(23);
    private readonly PriorityQueue<Func<Task>, (DateTimeOffset, long)> _events = new();
    private long _sequence;

    public List<Contact> Contacts { get; } = [];

    public List<(string Agent, DateTimeOffset At, Channel[] Channels)> Presence { get; } = [];

    /// <summary>One task as it happened: the customer is the person (phone for voice and WhatsApp, their chat id, their address).</summary>
    public sealed class Contact
    {
        public required Guid TaskId { get; init; }
        public required string Customer { get; init; }

        /// <summary>The customer the store resolved the contact to (voice and WhatsApp on one number are one person).</summary>
        public required Guid CustomerId { get; init; }
        public required Channel Channel { get; init; }
        public required DateTimeOffset Arrived { get; init; }
        public required bool FromTransfer { get; init; }
        public DateTimeOffset? Answered { get; set; }
        public string? Agent { get; set; }
        public DateTimeOffset? Ended { get; set; }
        public bool Abandoned { get; set; }
    }

    public static async Task<SimulatedDay> WriteAsync(StoreUnderTest store)
    {
        var day = new SimulatedDay();
        await day.RunAsync(store);
        return day;
    }

    private async Task RunAsync(StoreUnderTest s)
    {
        foreach (var agent in Shifts.Select(x => x.Agent).Distinct())
        {
            await s.Routing.UpsertAgentAsync(new Agent(agent, agent, "standard", new Dictionary<string, int>(), []), Ct);
        }

        foreach (var (agent, channels, from, to) in Shifts)
        {
            At(Start.AddHours(from), () => PresenceAsync(s, agent, channels, Start.AddHours(from)));
            At(Start.AddHours(to), () => PresenceAsync(s, agent, [], Start.AddHours(to)));
        }

        var open = new HashSet<(string, Channel)>();
        var number = 0;
        foreach (var (channel, perHour, wait, handle) in Loads)
        {
            for (var at = Start.AddHours(7).AddSeconds(Draw(3600 / perHour)); at < Start.AddHours(21); at = at.AddSeconds(Draw(3600 / perHour)))
            {
                var arrival = at;
                var n = ++number;
                At(arrival, async () =>
                {
                    // A customer with work open on this channel writes into it: no new task, so another customer comes.
                    var customer = Enumerable.Range(0, 20).Select(_ => Customer(channel)).FirstOrDefault(c => !open.Contains((c, channel)));
                    if (customer is null)
                    {
                        return;
                    }

                    await ArriveAsync(s, open, channel, customer, arrival, $"call-{n}", wait, handle, fromTransfer: false);
                });
            }
        }

        while (_events.TryDequeue(out var next, out _))
        {
            await next();
        }
    }

    private async Task ArriveAsync(StoreUnderTest s, HashSet<(string, Channel)> open, Channel channel, string customer, DateTimeOffset at, string callId, double wait, double handle, bool fromTransfer)
    {
        s.Time.SetUtcNow(at);
        var result = await s.Intake.AcceptAsync(Inbound(channel, customer, at, callId), Ct);
        var contact = new Contact { TaskId = result.TaskId!.Value, Customer = customer, CustomerId = result.CustomerId, Channel = channel, Arrived = at, FromTransfer = fromTransfer };
        Contacts.Add(contact);
        open.Add((customer, channel));
        if (_random.NextDouble() < 0.1)
        {
            // Gives up before anyone answers.
            var gone = at.AddSeconds(5 + Draw(120));
            At(gone, async () =>
            {
                await SaveAsync(s, new TaskRoutingChange(contact.TaskId, RoutingTaskState.Abandoned, null, null, null, null, null, null, gone));
                contact.Abandoned = true;
                contact.Ended = gone;
                open.Remove((customer, channel));
            });
            return;
        }

        var answered = at.AddSeconds(Draw(wait));
        var agent = Shifts.Where(x => x.Channels.Contains(channel)).Select(x => x.Agent).Distinct().ElementAt(_random.Next(Shifts.Where(x => x.Channels.Contains(channel)).Select(x => x.Agent).Distinct().Count()));
        var ended = answered.AddSeconds(1 + Draw(handle));
        var transferred = channel == Channel.Voice && !fromTransfer && _random.NextDouble() < 0.08;
        At(answered, async () =>
        {
            await SaveAsync(s, new TaskRoutingChange(contact.TaskId, RoutingTaskState.Assigned, agent, null, null, null, null, null, answered) { AssignedNow = true });
            contact.Answered = answered;
            contact.Agent = agent;
        });
        At(ended, async () =>
        {
            await SaveAsync(s, new TaskRoutingChange(contact.TaskId, RoutingTaskState.Completed, agent, null, null, null, null, null, ended) { HandledToTheEnd = true });
            contact.Ended = ended;
            open.Remove((customer, channel));
            if (transferred)
            {
                // Sent to another queue: the call comes back as a task of its own, its ref marked as CallControls marks it.
                await ArriveAsync(s, open, channel, customer, ended, $"{callId}#{Guid.NewGuid().ToString("N")[..8]}", wait, handle, fromTransfer: true);
            }
        });
    }

    private static Connector.Core.Intake.InboundEvent Inbound(Channel channel, string customer, DateTimeOffset at, string callId) => channel switch
    {
        Channel.Voice => Events.Call(Guid.NewGuid().ToString(), customer, at, callId),
        Channel.WhatsApp => Events.WhatsApp(Guid.NewGuid().ToString(), customer, at),
        Channel.Chat => Events.Chat(Guid.NewGuid().ToString(), customer, at, "Hello?"),
        _ => Events.Mail(Guid.NewGuid().ToString(), customer, at),
    };

    /// <summary>Voice and WhatsApp share one pool of phone numbers, so customers cross channels; chat and email have their own.</summary>
    private string Customer(Channel channel) => channel switch
    {
        Channel.Voice or Channel.WhatsApp => $"+44770090{_random.Next(1000, 1090)}",
        Channel.Chat => $"8:acs:visitor-{_random.Next(40)}",
        _ => $"customer{_random.Next(40)}@example.com",
    };

    private async Task PresenceAsync(StoreUnderTest s, string agent, Channel[] channels, DateTimeOffset at)
    {
        Assert.True(await s.Routing.SetAgentChannelsAsync(agent, channels, at, Ct));
        Presence.Add((agent, at, channels));
    }

    private static Task SaveAsync(StoreUnderTest s, TaskRoutingChange change) => s.Routing.SaveRoutingAsync([change], [], "kpi-test", Ct);

    private void At(DateTimeOffset at, Func<Task> action) => _events.Enqueue(action, (at, _sequence++));

    /// <summary>Exponential with this mean, in whole seconds.</summary>
    private double Draw(double mean) => Math.Round(-mean * Math.Log(1 - _random.NextDouble()));
}
