using System.Globalization;
using System.Text;

namespace Connector.Load;

/// <summary>What one run measured (see <see cref="LoadOptions.HelpText"/> for what each figure is).</summary>
public sealed record LoadReport
{
    public required LoadOptions Options { get; init; }
    public required string WorkerDll { get; init; }
    public required int Sent { get; init; }
    public required int Accepted { get; init; }
    public required double SendSeconds { get; init; }
    public required Percentiles WebhookAnswer { get; init; }
    public required IReadOnlyDictionary<string, Percentiles> WebhookAnswerByChannel { get; init; }
    public required Percentiles SentToOffer { get; init; }
    public required IReadOnlyDictionary<string, Percentiles> SentToOfferByChannel { get; init; }
    public required IReadOnlyDictionary<string, int> SentByChannel { get; init; }

    /// <summary>Calls an agent joined and the caller ended after talking (null: no calls in the mix).</summary>
    public required int? CallsTalked { get; init; }
    public required Percentiles OfferToAgent { get; init; }
    public required int InTimeline { get; init; }
    public required int Routed { get; init; }
    public required int TasksOpened { get; init; }
    public required IReadOnlyList<string> Missing { get; init; }
    public required IReadOnlyDictionary<int, int> RefusedByStatus { get; init; }
    public required IReadOnlyList<string> RefusalSamples { get; init; }
    public required int ChatSessionsFailed { get; init; }
    public required int OutboxRows { get; init; }
    public required long? HangfireJobs { get; init; }
    public required long? Transactions { get; init; }
    public required string? StatementsUnavailable { get; init; }
    public required IReadOnlyList<PostgresProfile.StatementCounters> Statements { get; init; }
    public required ProcessStats WorkerBefore { get; init; }
    public required ProcessStats WorkerAfter { get; init; }
    public required WorkerGc WorkerGc { get; init; }
    public required ProcessStats ToolBefore { get; init; }
    public required ProcessStats ToolAfter { get; init; }
    public required double MeasuredSeconds { get; init; }
    public required int AgentOffers { get; init; }
    public required int AgentAccepts { get; init; }
    public required int AgentReplies { get; init; }
    public required int AgentWrapUps { get; init; }
    public required IReadOnlyDictionary<string, int> AgentFailures { get; init; }
    public required IReadOnlyList<string> AgentFailureSamples { get; init; }
    public required bool Drained { get; init; }
    public required double SetupSeconds { get; init; }

    /// <summary>Every accepted message is in its timeline and its task was offered or assigned.</summary>
    public bool NothingLost => Missing.Count == 0 && InTimeline == Accepted && Routed == Accepted;

    public double AchievedRate => SendSeconds > 0 ? Accepted / SendSeconds : double.NaN;

    public override string ToString()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        var perMessage = Math.Max(Accepted, 1);
        Line($"Connector.Load: store {Options.Store}, crm {Options.Crm}, {Options.Agents} agents, {(Options.OpenConversationsScenario ? $"{Options.OpenConversations} open WhatsApp conversations" : $"{Options.Seconds:0} s")}, whatsapp {Options.WhatsAppShare:0.##}, chat {Options.ChatShare:0.##}, voice {Options.VoiceShare:0.##}, email {Options.EmailShare:0.##}, returning {Options.Returning:0.##}, think {Options.ThinkMs} ms{(Options.AgentsAct ? "" : ", agents never act")}");
        Line($"worker: {WorkerDll}");
        Line($"setup (agents online, chat sessions open, {Options.WarmupSeconds:0} s warm-up not counted): {SetupSeconds:0.0} s");
        Line($"rate: requested {Options.Rate:0.#}/s, achieved {AchievedRate:0.#}/s ({Accepted} of {Sent} deliveries answered 2xx in {SendSeconds:0.0} s)");
        foreach (var (status, count) in RefusedByStatus.OrderBy(r => r.Key))
        {
            Line($"  refused: {count} × {(status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture))}");
        }

        foreach (var sample in RefusalSamples)
        {
            Line($"    e.g. {sample}");
        }

        if (ChatSessionsFailed > 0)
        {
            Line($"  chat sessions refused: {ChatSessionsFailed} (their messages were not sent)");
        }

        Line($"webhook answer:         {WebhookAnswer}");
        foreach (var (channel, percentiles) in WebhookAnswerByChannel.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Line($"  {channel,-8}              {percentiles}");
        }

        Line($"sent: {string.Join(", ", SentByChannel.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}");
        Line($"sent → offer committed: {SentToOffer}   ({TasksOpened} messages opened a task)");
        foreach (var (channel, percentiles) in SentToOfferByChannel.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Line($"  {channel,-8}              {percentiles}");
        }

        Line($"offer → agent (SignalR): {OfferToAgent}");
        Line($"accounted: accepted {Accepted}, in timeline {InTimeline}, routed {Routed}{(Drained ? "" : "   (drain timed out: work still queued)")}");
        Line($"  {(NothingLost ? "nothing lost" : $"MISSING {Missing.Count}:")}");
        foreach (var missing in Missing.Take(50))
        {
            Line($"    {missing}");
        }

        Line($"agents: offers {AgentOffers}, accepted {AgentAccepts}, replied {AgentReplies}, wrapped up {AgentWrapUps}{(CallsTalked is { } talked ? $"; calls talked and hung up by the caller {talked}" : "")}");
        foreach (var (what, count) in AgentFailures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Line($"  failed: {count} × {what}");
        }

        foreach (var sample in AgentFailureSamples)
        {
            Line($"    e.g. {sample}");
        }

        Line($"outbox rows per message: {OutboxRows / (double)perMessage:0.00} ({OutboxRows})");
        Line($"Hangfire jobs per message: {(HangfireJobs is { } jobs ? $"{jobs / (double)perMessage:0.00} ({jobs})" : "n/a (in-memory Hangfire on SQLite: not countable from outside the Worker)")}");
        if (Transactions is { } xacts)
        {
            Line($"PostgreSQL transactions per message: {xacts / (double)perMessage:0.0} ({xacts})");
        }
        else
        {
            Line($"PostgreSQL transactions per message: n/a ({Options.Store})");
        }

        if (StatementsUnavailable is not null)
        {
            Line($"PostgreSQL statements per message: n/a ({StatementsUnavailable})");
        }
        else
        {
            var calls = Statements.Sum(s => s.Calls);
            Line($"PostgreSQL statements per message: {calls / (double)perMessage:0.0} ({calls} calls, {Statements.Sum(s => s.TotalExecMs) / 1000:0.00} s executing)");
            Line($"  top 15 by calls: calls/message  total_exec_time  query");
            foreach (var s in Statements.OrderByDescending(s => s.Calls).Take(15))
            {
                Line($"  {s.Calls / (double)perMessage,8:0.00}  {s.TotalExecMs,9:0.0} ms  {Shorten(s.Query)}");
            }

            // Where the database's time went (lock waits included: a statement waiting for a row counts its wait).
            Line($"  top 10 by total_exec_time: calls/message  total_exec_time  mean  query");
            foreach (var s in Statements.OrderByDescending(s => s.TotalExecMs).Take(10))
            {
                Line($"  {s.Calls / (double)perMessage,8:0.00}  {s.TotalExecMs,9:0.0} ms  {s.TotalExecMs / Math.Max(s.Calls, 1),7:0.00} ms  {Shorten(s.Query)}");
            }
        }

        var workerCpu = WorkerAfter.CpuSeconds - WorkerBefore.CpuSeconds;
        var toolCpu = ToolAfter.CpuSeconds - ToolBefore.CpuSeconds;
        Line($"Worker CPU: {workerCpu:0.0} s over {MeasuredSeconds:0.0} s = {100 * workerCpu / MeasuredSeconds:0}% of one core");
        Line($"Worker RSS: now {WorkerAfter.RssBytes / 1048576.0:0} MB (anonymous {WorkerAfter.AnonymousBytes / 1048576.0:0} MB, file-backed {WorkerAfter.FileBytes / 1048576.0:0} MB), peak (VmHWM) {WorkerAfter.PeakRssBytes / 1048576.0:0} MB");
        Line($"Worker GC: {WorkerGc}");
        Line($"tool CPU: {toolCpu:0.0} s = {100 * toolCpu / MeasuredSeconds:0}% of one core; tool RSS {ToolAfter.RssBytes / 1048576.0:0} MB");
        return text.ToString();
    }

    private static string Shorten(string query)
    {
        var oneLine = string.Join(' ', query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length > 110 ? oneLine[..110] + "…" : oneLine;
    }
}
