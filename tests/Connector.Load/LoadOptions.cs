using System.Globalization;

namespace Connector.Load;

/// <summary>The tool's flags (see <see cref="Help"/>); <see cref="Parse"/> refuses anything it does not know.</summary>
public sealed record LoadOptions
{
    public double Rate { get; init; } = 200;
    public double Seconds { get; init; } = 60;
    public string Store { get; init; } = "postgres";
    public string? Pg { get; init; }
    public string Crm { get; init; } = "salesforce";
    public string? WorkerDll { get; init; }
    public int Agents { get; init; } = 500;

    /// <summary>
    /// Share of the agents who take calls only; the others then take no calls. Null: every agent is blended (online on
    /// every channel of the mix), so a call waits for an agent whose chats and WhatsApp threads have all ended.
    /// </summary>
    public double? VoiceAgents { get; init; }
    public double Returning { get; init; } = 0.3;
    public double ChatShare { get; init; } = 0.3;

    /// <summary>Share of the traffic that is phone calls (IncomingCall through Event Grid, answered by the Worker on the fake ACS).</summary>
    public double VoiceShare { get; init; } = 0.1;

    /// <summary>Share of the traffic that is email (appended to an IMAP mailbox the Worker polls).</summary>
    public double EmailShare { get; init; } = 0.1;

    /// <summary>An IMAP server (host:port, user agent@example.com / secret, no TLS) instead of a throwaway Dovecot.</summary>
    public string? Imap { get; init; }

    /// <summary>How long a caller talks once an agent joined the call, before hanging up.</summary>
    public int TalkMs { get; init; } = 1500;
    public int OpenConversations { get; init; }
    public int ThinkMs { get; init; } = 300;
    public int Connections { get; init; } = 256;
    public double DrainSeconds { get; init; } = 60;
    public double WarmupSeconds { get; init; } = 15;

    /// <summary>False: agents receive offers and acknowledge them but never act, so the run measures the hot path alone.</summary>
    public bool AgentsAct { get; init; } = true;
    public string? Charter { get; init; }

    /// <summary>Where to write a gcdump of the Worker at the end of the run (after every other figure is read); null: none.</summary>
    public string? GcDump { get; init; }
    public bool Help { get; init; }

    /// <summary>The memory scenario: new WhatsApp conversations only, accepted and left open.</summary>
    public bool OpenConversationsScenario => OpenConversations > 0;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag is "--help" or "-h")
            {
                options = options with { Help = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{flag} needs a value (see --help).");
            }

            var value = args[++i];
            options = flag switch
            {
                "--rate" => options with { Rate = Positive(flag, value) },
                "--seconds" => options with { Seconds = Positive(flag, value) },
                "--store" => options with { Store = OneOf(flag, value, "postgres", "sqlite") },
                "--pg" => options with { Pg = value },
                "--crm" => options with { Crm = OneOf(flag, value, "none", "salesforce") },
                "--worker-dll" => options with { WorkerDll = File.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"--worker-dll: no file {value}.") },
                "--agents" => options with { Agents = (int)Positive(flag, value) },
                "--voice-agents" => options with { VoiceAgents = Share(flag, value) },
                "--returning" => options with { Returning = Share(flag, value) },
                "--chat" => options with { ChatShare = Share(flag, value) },
                "--voice" => options with { VoiceShare = Share(flag, value) },
                "--email" => options with { EmailShare = Share(flag, value) },
                "--imap" => options with { Imap = value },
                "--talk-ms" => options with { TalkMs = (int)Number(flag, value) },
                "--open-conversations" => options with { OpenConversations = (int)Positive(flag, value) },
                "--think-ms" => options with { ThinkMs = (int)Number(flag, value) },
                "--connections" => options with { Connections = (int)Positive(flag, value) },
                "--drain-seconds" => options with { DrainSeconds = Number(flag, value) },
                "--warmup-seconds" => options with { WarmupSeconds = Number(flag, value) },
                "--agents-act" => options with { AgentsAct = OneOf(flag, value, "all", "none") == "all" },
                "--gcdump" => options with { GcDump = Path.GetFullPath(value) },
                "--charter" => options with { Charter = File.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"--charter: no file {value}.") },
                _ => throw new ArgumentException($"Unknown flag {flag} (see --help)."),
            };
        }

        if (options.ChatShare + options.VoiceShare + options.EmailShare > 1 + 1e-9)
        {
            throw new ArgumentException($"--chat, --voice and --email add up to more than 1 ({options.ChatShare + options.VoiceShare + options.EmailShare:0.##}); WhatsApp is what they leave.");
        }

        if (options.VoiceAgents is { } voiceAgents && (options.VoiceShare == 0 || voiceAgents == 0 || voiceAgents == 1))
        {
            throw new ArgumentException($"--voice-agents {voiceAgents:0.##}: a share strictly between 0 and 1 of the agents, with calls in the mix (--voice above 0).");
        }

        return options;
    }

    /// <summary>What WhatsApp carries: the traffic the other channels leave.</summary>
    public double WhatsAppShare => 1 - ChatShare - VoiceShare - EmailShare;

    private static double Number(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{flag}: '{value}' is not a number ≥ 0.");

    private static double Positive(string flag, string value) =>
        Number(flag, value) is var n && n > 0 ? n : throw new ArgumentException($"{flag}: must be above 0.");

    private static double Share(string flag, string value) =>
        Number(flag, value) is var n && n <= 1 ? n : throw new ArgumentException($"{flag}: must be between 0 and 1.");

    private static string OneOf(string flag, string value, params string[] allowed) =>
        allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase)) ?? throw new ArgumentException($"{flag}: one of {string.Join(", ", allowed)} (got '{value}').");

    public const string HelpText = """
        Connector.Load: drives a real Worker process with signed-in agents and Event Grid traffic, and prints what it measured.

          dotnet run -c Release --project tests/Connector.Load -- --rate 200 --seconds 60 --store postgres

        Everything runs on loopback and is thrown away afterwards: a PostgreSQL cluster (initdb/pg_ctl from
        /usr/lib/postgresql/*/bin, as the postgres user when root, with pg_stat_statements preloaded) unless --pg is given,
        the fake ACS (tests/Connector.Fakes.Acs), the fake Salesforce (tests/Connector.Fakes.Crm) and the Worker as its own
        process (dotnet Connector.Worker.dll, configured by environment variables; it inherits the tool's own, so
        env "Logging__LogLevel__Connector.Worker.Routing=Debug" prints each router cycle, and CONNECTOR_LOAD_WORKER_OUTPUT=FILE
        keeps the Worker's last lines of output in FILE when the run ends; CONNECTOR_LOAD_KEEP_WORKER_DIRECTORY=1 keeps its
        working directory, with the SQLite store in data/connector.db).

        Flags
          --rate N                 inbound messages per second, open loop: each is sent at its scheduled time whether or not
                                   earlier ones were answered (default 200)
          --seconds N              how long messages are sent (default 60)
          --store postgres|sqlite  the Worker's store: PostgreSQL with Hangfire on PostgreSQL, or the embedded SQLite store
                                   with in-memory Hangfire (default postgres)
          --pg "CONNECTION"        an existing PostgreSQL server instead of a throwaway cluster; the tool creates its own
                                   database there (the user must be allowed to). Without pg_stat_statements preloaded the
                                   statement figures print n/a
          --crm none|salesforce    the Worker's Crm:Provider; salesforce points it at the fake Salesforce (default salesforce)
          --worker-dll PATH        run this Connector.Worker.dll (an older build, for "before" figures); default: this
                                   repository's Connector.Worker built in the tool's own configuration
          --agents N               agents created through the API, online on every channel the traffic uses (for calls,
                                   with a line: an ACS user the Worker adds to the call), each with its own API key and
                                   its own SignalR connection to /hubs/agent (default 500)
          --voice-agents X         share of the agents who take calls only, the others taking every other channel of the mix
                                   but no calls, as a centre with a phone team staffs. Without it every agent is blended,
                                   and a call (100 of 100 capacity units) waits for an agent whose chats and WhatsApp
                                   threads have all ended: under steady digital traffic calls starve
          --returning X            share of messages from a customer who wrote before (same number or chat thread) (0.3)
          --chat X                 share of messages on web chat (0.3). A new chat customer writes into a session
                                   (POST /api/chat/sessions) opened during setup, before the measured run
          --voice X                share of calls (0.1): the fake ACS rings the Worker (IncomingCall through Event Grid,
                                   then Call Automation with signed callbacks); the Worker answers and queues the call; the
                                   agent who accepts is added to the call; the caller talks --talk-ms and hangs up. A
                                   returning caller is a WhatsApp customer calling from the same number
          --email X                share of emails (0.1): appended to the mailbox of an IMAP server (a throwaway Dovecot,
                                   tests/infra/dovecot.sh, unless --imap HOST:PORT) that the Worker polls every 5 s (the shortest it allows);
                                   agents accept, reply (sent through the fake ACS Email) and wrap up. A returning
                                   sender writes again from the same address.
                                   WhatsApp carries what --chat, --voice and --email leave (0.5 by default)
          --talk-ms N              how long a caller talks once an agent joined the call (1500)
          --think-ms N             agents' think time before each step (accept, reply, wrap-up), uniformly 0.5–1.5 × N (300)
          --connections N          concurrent HTTP connections for the webhook traffic (256)
          --drain-seconds N        after the last message, how long to wait for every task to be offered (60)
          --agents-act all|none    none: agents receive and acknowledge offers but never accept, reply or wrap up, so that
                                   with --crm none the statements and transactions per message are the hot path alone
                                   (webhook → intake → router → offer on the agent's connection). Keep the run shorter than
                                   the offer time-out (WhatsApp 60 s, chat 30 s) and the agents many (all)
          --warmup-seconds N       traffic at the same rate before the measured run, not counted (15): a Worker that has
                                   just started is still compiling its hot paths (tiered JIT), which a deployed one is not
          --charter PATH           the Worker's charter; default: the built-in queues with a 1 s wrap-up on chat and
                                   WhatsApp, so that capacity is freed quickly and routing, not staffing, is measured
          --gcdump FILE            at the end of the run, after every figure is read, write a heap dump of the Worker's live
                                   objects to FILE (dotnet-gcdump collect, from ~/.dotnet/tools or the PATH; it forces a
                                   full collection). `dotnet-gcdump report FILE` lists the types holding the heap
          --open-conversations N   the memory scenario: N new WhatsApp conversations (sent at --rate), each accepted and
                                   left open (no reply, no wrap-up); then the Worker's RSS. Use with --agents 5000
                                   and --open-conversations 20000 (--seconds is then ignored)

        The memory scenario (--open-conversations) sends WhatsApp only. For the hot path alone:
        --agents-act none --crm none --chat 0 --voice 0 --email 0 --returning 0.

        What is printed
          rate                 requested, and achieved = webhook deliveries answered 2xx / time from first send to last send
          webhook answer       time from sending the HTTP request to reading the response status (the tool's stopwatch);
                               calls: the IncomingCall delivery; emails have no webhook (the IMAP append is not counted)
          sent → offer         for each message that opened a task: the first routing decision offering (or auto-assigning)
                               that task (routing_decisions.at, the router's clock when it decided; the row is committed in the
                               same transaction right after) minus the tool's clock when the delivery was sent (calls:
                               when IncomingCall was sent, so it includes answering the call; emails: when the mail was
                               appended, so it includes waiting for the next IMAP poll). Also printed per channel
          offer → agent        per offerMade push received by an agent's SignalR client: the tool's clock on receipt minus the
                               push's `at` (the Worker's clock when it wrote the push, in the offer's transaction)
          accounted            accepted = answered 2xx (an email: appended); in timeline = a timeline entry with the
                               message's intake id (a call: its conversation in voice_calls; an email: its Message-ID);
                               routed = its task (the latest of its conversation and channel created before the answer; a
                               call's own task) was offered or assigned. Every message missing from either is listed
          statements, xacts    PostgreSQL: deltas over the run (from just before the first message to the end of the drain)
                               of sum(calls) in pg_stat_statements and of xact_commit + xact_rollback in pg_stat_database
                               for the Worker's database, divided by accepted messages; the top 15 statements by calls
                               with calls per message and total_exec_time. Everything counts: intake, router, outbox,
                               Hangfire, agents' API calls and pushes. SQLite: n/a
          Hangfire jobs        PostgreSQL: rows of hangfire.job created during the run, per message. SQLite (in-memory
                               Hangfire): n/a, not countable from outside; outbox rows created during the run are
                               printed for both stores
          Worker CPU, RSS      /proc/<pid>/stat utime+stime over the run (seconds, and % of one core), VmRSS now and
                               VmHWM (peak) from /proc/<pid>/status; the tool's own CPU likewise
          Worker GC            the runtime's own figures from the Worker's /metrics (System.Runtime meter), read with RSS:
                               memory the GC has committed, and the managed heap after the last collection (all
                               generations); n/a when the Worker does not report them
        """;
}
