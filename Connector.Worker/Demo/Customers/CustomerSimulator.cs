using System.Collections.Concurrent;
using Connector.Worker.Demo.StandIn;

namespace Connector.Worker.Demo.Customers;

/// <summary>
/// The demo's customers, on only in <c>demo</c>: a new contact every few seconds at first (one on each channel, so
/// a new user sees work at once), then one every 20–45 seconds; about a third are returning customers on another
/// channel (the WhatsApp customer who later calls), and about half answer an agent's reply a little later.
/// </summary>
internal sealed class CustomerSimulator(
    DemoReady ready, AcsStandIn acs, IServiceProvider services, ILogger<CustomerSimulator> logger) : BackgroundService
{
    private static readonly string[] Channels = ["whatsapp", "chat", "email", "voice"];
    private readonly List<DemoCustomer> _known = [];
    private readonly ConcurrentDictionary<string, DemoCustomer> _byAddress = new(StringComparer.OrdinalIgnoreCase);
    private int _next;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WhenReady.WaitAsync(stoppingToken);
        using var channels = ActivatorUtilities.CreateInstance<CustomerChannels>(services);
        var answering = AnswerRepliesAsync(channels, stoppingToken);
        for (var contact = 0; !stoppingToken.IsCancellationRequested; contact++)
        {
            // The first four cover every channel; then any channel, voice a little rarer.
            var channel = contact < Channels.Length ? Channels[contact] : Channels[Random.Shared.Next(Channels.Length * 2 - 1) % Channels.Length];
            var customer = contact >= Channels.Length && _known.Count > 2 && Random.Shared.NextDouble() < 0.3
                ? _known[Random.Shared.Next(_known.Count)]
                : NewCustomer();
            try
            {
                await ContactAsync(channels, customer, channel, stoppingToken);
                logger.LogInformation("Demo customer {Name} got in touch on {Channel}", customer.Name, channel);
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning("Demo customer {Name} could not reach the Worker on {Channel}: {Error}", customer.Name, channel, ex.Message);
            }

            var pause = contact < 6 ? TimeSpan.FromSeconds(Random.Shared.Next(2, 5)) : TimeSpan.FromSeconds(Random.Shared.Next(20, 45));
            await Task.Delay(pause, stoppingToken);
        }

        await answering;
    }

    private async Task ContactAsync(CustomerChannels channels, DemoCustomer customer, string channel, CancellationToken ct)
    {
        var text = CustomerScripts.Opening(customer.Language);
        switch (channel)
        {
            case "whatsapp":
                await channels.WhatsAppAsync(customer, text, ct);
                break;
            case "chat":
                await channels.ChatAsync(customer, text, ct);
                if (customer.Chat is { } visit)
                {
                    _byAddress[visit.ThreadId] = customer;
                }

                break;
            case "email":
                await channels.EmailAsync(customer, CustomerScripts.Subject(customer.Language), text, null, ct);
                break;
            default:
                await channels.CallAsync(customer, ct);
                break;
        }
    }

    /// <summary>Reads what agents sent customers; about half of them write back after a short while.</summary>
    private async Task AnswerRepliesAsync(CustomerChannels channels, CancellationToken ct)
    {
        try
        {
            await foreach (var sent in acs.ToCustomers.Reader.ReadAllAsync(ct))
            {
                if (!_byAddress.TryGetValue(sent.Address, out var customer) || Random.Shared.NextDouble() >= 0.5)
                {
                    continue;
                }

                _ = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(Random.Shared.Next(6, 20)), ct);
                    var answer = CustomerScripts.Answer(customer.Language);
                    switch (sent.Channel)
                    {
                        case "whatsapp":
                            await channels.WhatsAppAsync(customer, answer, ct);
                            break;
                        case "chat":
                            await channels.ChatAsync(customer, answer, ct);
                            break;
                        case "email":
                            await channels.EmailAsync(customer, sent.Subject is { } s && s.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? s : $"Re: {sent.Subject}", answer, null, ct);
                            break;
                    }
                }, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: customers stop answering.
        }
    }

    private DemoCustomer NewCustomer()
    {
        var n = _next++;
        var (name, language) = CustomerScripts.People[n % CustomerScripts.People.Count];
        var round = n / CustomerScripts.People.Count;
        var local = name.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetter(c) || c == ' ').Aggregate("", (s, c) => s + (c == ' ' ? '.' : c));
        // Ofcom's drama range (07700 900000–900999): numbers that ring nobody.
        var customer = new DemoCustomer(name, $"+447700900{(100 + n) % 1000:000}", round == 0 ? $"{local}@example.com" : $"{local}{round}@example.com", language);
        _known.Add(customer);
        _byAddress[customer.Phone] = customer;
        _byAddress[customer.Email] = customer;
        return customer;
    }
}
