using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Connector.Load;

/// <summary>
/// Customers writing and calling in at a steady rate, open loop (each message leaves at its scheduled time whether or
/// not earlier ones were answered), new and returning customers on all four channels: Event Grid deliveries to the
/// Worker's webhook for WhatsApp and web chat, calls rung by the fake ACS (<see cref="LoadCallers"/>), and emails
/// appended to the mailbox the Worker polls (<see cref="LoadMailbox"/>). A new chat customer first opens a session,
/// as the website's widget does, and writes into its thread.
/// </summary>
public sealed class InboundTraffic(HttpClient http, string webhookKey, string channelRegistration, LoadOptions options, LoadCallers? callers = null, LoadMailbox? mailbox = null)
{
    private static readonly string[] Texts =
    [
        "Hello, my router has been flashing red since this morning.",
        "Where is my order? It was due yesterday.",
        "I was charged twice this month, can you check?",
        "Can I change the address on my account?",
    ];

    private readonly Customers<string> _whatsAppCustomers = new();
    private readonly Customers<(string ThreadId, string UserId)> _chatCustomers = new();
    private readonly Customers<string> _emailCustomers = new();
    private readonly string _run = Convert.ToHexString(BitConverter.GetBytes(Environment.TickCount64))[..8].ToLowerInvariant();
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string ThreadId, string UserId)> _openedSessions = new();
    private int _nextCustomer;
    private long _nextChatMessage = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    private int _chatSessionsFailed;

    /// <summary>Chat sessions the Worker refused: those customers' messages were not sent.</summary>
    public int ChatSessionsFailed => _chatSessionsFailed;

    /// <summary>
    /// Opens the chat sessions that the run's new chat customers will write into, before the run: a session is a few
    /// ACS calls and store writes of its own, and the webhook's figures should not wait behind them.
    /// </summary>
    public async Task OpenChatSessionsAsync(int count, CancellationToken ct) =>
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            if (await OpenChatSessionAsync(i, token) is { } session)
            {
                _openedSessions.Enqueue(session);
            }
        });

    /// <summary>Sends <paramref name="count"/> messages at <see cref="LoadOptions.Rate"/> per second; returns them when all were answered.</summary>
    public async Task<IReadOnlyList<SentMessage>> RunAsync(int count, CancellationToken ct)
    {
        var messages = new SentMessage?[count];
        var sends = new List<Task>(count);
        var random = new Random(15);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / options.Rate);
            var ahead = due - clock.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(ahead, ct);
            }

            // One draw picks the channel (voice, email, chat, the rest WhatsApp), another whether the customer wrote before.
            var pick = options.OpenConversationsScenario ? 1.0 : random.NextDouble();
            var returning = !options.OpenConversationsScenario && random.NextDouble() < options.Returning;
            var index = i;
            var text = Texts[i % Texts.Length];
            void Keep(SentMessage m) => messages[index] = m;
            sends.Add(pick switch
            {
                _ when pick < options.VoiceShare => SendCallAsync(index, returning, Keep, ct),
                _ when pick < options.VoiceShare + options.EmailShare => SendEmailAsync(index, returning, text, Keep, ct),
                _ when pick < options.VoiceShare + options.EmailShare + options.ChatShare => SendChatAsync(index, returning, text, Keep, ct),
                _ => SendWhatsAppAsync(index, returning, text, Keep, ct),
            });
        }

        await Task.WhenAll(sends);
        return [.. messages.Where(m => m is not null).Select(m => m!)];
    }

    private async Task SendWhatsAppAsync(int index, bool returning, string text, Action<SentMessage> keep, CancellationToken ct)
    {
        if (!returning || !_whatsAppCustomers.TryPick(index, out var from))
        {
            // UK mobile numbers (07400 000001 onwards) in E.164 digits without the +, as WhatsApp names the sender.
            from = string.Create(CultureInfo.InvariantCulture, $"4474{Interlocked.Increment(ref _nextCustomer):D8}");
            _whatsAppCustomers.Add(from);
        }

        var eventId = Guid.NewGuid().ToString();
        var message = new SentMessage(index, "whatsapp", $"acs:{eventId}", $"whatsapp:{from}");
        keep(message);
        var now = DateTimeOffset.UtcNow;
        await PostAsync(message, EventGridPayloads.WhatsApp(eventId, Guid.NewGuid().ToString(), from, channelRegistration, now, text), now, ct);
    }

    private async Task SendChatAsync(int index, bool returning, string text, Action<SentMessage> keep, CancellationToken ct)
    {
        (string ThreadId, string UserId) visitor;
        if (!returning || !_chatCustomers.TryPick(index, out visitor))
        {
            var session = _openedSessions.TryDequeue(out var opened) ? opened : await OpenChatSessionAsync(index, ct);
            if (session is null)
            {
                return;
            }

            visitor = session.Value;
            _chatCustomers.Add(visitor);
        }

        var messageId = Interlocked.Increment(ref _nextChatMessage).ToString(CultureInfo.InvariantCulture);
        var message = new SentMessage(index, "chat", $"chat:{visitor.ThreadId}:{messageId}", $"chat:{visitor.UserId}");
        keep(message);
        var now = DateTimeOffset.UtcNow;
        await PostAsync(message, EventGridPayloads.Chat(Guid.NewGuid().ToString(), messageId, visitor.ThreadId, visitor.UserId, now, text), now, ct);
    }

    private async Task SendCallAsync(int index, bool returning, Action<SentMessage> keep, CancellationToken ct)
    {
        var voice = callers ?? throw new InvalidOperationException("Calls are in the mix but no callers were set up.");
        // A returning caller is a WhatsApp customer calling from the same number: one customer across channels.
        var from = returning && _whatsAppCustomers.TryPick(index, out var digits)
            ? $"+{digits}"
            : string.Create(CultureInfo.InvariantCulture, $"+4475{Interlocked.Increment(ref _nextCustomer):D8}");
        keep(await voice.RingAsync(index, from, ct));
    }

    private async Task SendEmailAsync(int index, bool returning, string text, Action<SentMessage> keep, CancellationToken ct)
    {
        var mail = mailbox ?? throw new InvalidOperationException("Email is in the mix but no mailbox was set up.");
        if (!returning || !_emailCustomers.TryPick(index, out var from))
        {
            var n = Interlocked.Increment(ref _nextCustomer);
            from = string.Create(CultureInfo.InvariantCulture, $"customer{n}@mail{n % 50}.load.example");
            _emailCustomers.Add(from);
        }

        var sentAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var messageId = await mail.AppendAsync(from, $"Question {index}", text, ct);
            keep(new SentMessage(index, "email", $"email:{messageId}", $"email:{from}")
            {
                SentAt = sentAt,
                AnsweredAt = DateTimeOffset.UtcNow,
                AnswerMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                Status = 200,
            });
        }
        catch (Exception e) when (e is MailKit.Net.Imap.ImapCommandException or MailKit.Net.Imap.ImapProtocolException or IOException)
        {
            keep(new SentMessage(index, "email", $"email:not-appended-{index}", $"email:{from}") { SentAt = sentAt, Error = $"IMAP append failed: {e.Message}" });
        }
    }

    private async Task<(string, string)?> OpenChatSessionAsync(int index, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri("/api/chat/sessions", UriKind.Relative), new { displayName = $"Visitor {_run}-{index}" }, ct);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _chatSessionsFailed);
                return null;
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            return (body.GetProperty("threadId").GetString()!, body.GetProperty("userId").GetString()!);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _chatSessionsFailed);
            return null;
        }
    }

    private async Task PostAsync(SentMessage message, byte[] body, DateTimeOffset sentAt, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/webhooks/acs/events?key={webhookKey}", UriKind.Relative))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("aeg-event-type", "Notification");
        message.SentAt = sentAt;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            message.AnswerMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            message.AnsweredAt = DateTimeOffset.UtcNow;
            message.Status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                message.Error = await response.Content.ReadAsStringAsync(ct);
            }
        }
        catch (HttpRequestException e)
        {
            message.AnswerMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            message.Error = e.Message;
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            // Not answered within the client's time-out: a delivery Event Grid would retry, counted as refused (status 0).
            message.AnswerMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            message.Error = $"no answer: {e.Message}";
        }
    }

    /// <summary>Who wrote before, on one channel: a returning message picks one of them.</summary>
    private sealed class Customers<T>
    {
        private readonly List<T> _all = [];

        public void Add(T customer)
        {
            lock (_all)
            {
                _all.Add(customer);
            }
        }

        public bool TryPick(int seed, out T picked)
        {
            lock (_all)
            {
                picked = _all.Count > 0 ? _all[(int)((uint)(seed * 2654435761L) % (uint)_all.Count)] : default!;
                return _all.Count > 0;
            }
        }
    }
}
