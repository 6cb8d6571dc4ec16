using Connector.Core.Outbox;
using Connector.Worker.Outbox;
using Connector.Worker.Tests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Outbox;

/// <summary>
/// The analyses (insight, QA) run the local model by the thousand after a busy hour: they have a Hangfire queue of their
/// own, so they never hold the workers that join agents to chats and call the CRM.
/// </summary>
[Collection(InProcessWorkers.Name)]
public sealed class OutboxQueuesTests
{
    [Fact]
    public async Task Insight_and_QA_rows_are_queued_for_the_analysis_workers_and_every_other_kind_for_the_default_ones()
    {
        await using var worker = new InProcessWorker([]);
        var jobs = new RecordingJobClient();

        var routes = worker.Services.GetServices<OutboxRoute>().ToList();
        foreach (var route in routes)
        {
            route.Enqueue(jobs, 1);
        }

        var queues = routes.Zip(jobs.Created, (route, job) => (route.Kind, job.Queue ?? EnqueuedState.DefaultQueue)).ToDictionary();
        Assert.Equal(OutboxJob.AnalysisQueue, queues[OutboxKind.InsightAnalyse]);
        Assert.Equal(OutboxJob.AnalysisQueue, queues[OutboxKind.QaEvaluate]);
        Assert.Equal(
            queues.Keys.Except([OutboxKind.InsightAnalyse, OutboxKind.QaEvaluate]).Order(StringComparer.Ordinal),
            queues.Where(q => q.Value == EnqueuedState.DefaultQueue).Select(q => q.Key).Order(StringComparer.Ordinal));
        Assert.Contains(OutboxKind.TaskAssigned, queues.Keys);
    }

    [Fact]
    public async Task Only_agents_joins_and_the_bots_answers_run_at_once_every_other_kind_waits_for_its_job()
    {
        await using var worker = new InProcessWorker([]);

        var routes = worker.Services.GetServices<OutboxRoute>().ToList();

        Assert.Equal([OutboxKind.BotTurn, OutboxKind.TaskAssigned], routes.Where(r => r.RunsAtOnce).Select(r => r.Kind).Order(StringComparer.Ordinal));
        Assert.Contains(routes, r => r.Kind == OutboxKind.ReplySend && !r.RunsAtOnce);
    }

    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<Job> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add(job);
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
