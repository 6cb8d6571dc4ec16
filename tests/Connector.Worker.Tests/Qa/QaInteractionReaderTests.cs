using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Qa;
using Connector.Core.Routing;
using Connector.Core.Voice;
using Connector.Worker.Qa;
using Connector.Worker.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Worker.Tests.Qa;

/// <summary>How one task's work becomes QA's turns, read from the conversation's timeline and the files it points to.</summary>
public sealed class QaInteractionReaderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Conversation = Guid.NewGuid();
    private static readonly Guid Segment = Guid.NewGuid();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TimelineEvent Event(TimelineEventType type, Channel channel, Direction direction, int seconds, string? text = null) =>
        new(Guid.NewGuid(), Conversation, Segment, type, channel, direction, T0.AddSeconds(seconds), text, null, null);

    [Fact]
    public async Task A_call_is_its_moments_and_its_transcripts_phrases_by_speaker_each_cited_by_event_and_line()
    {
        var data = new DataDirectory(Directory.CreateTempSubdirectory("connector-qa-reader-").FullName);
        var transcript = TranscriptAssembler.Assemble(
            [
                new TranscriptFragment(TimeSpan.FromSeconds(2), "8:acs:agent-ann", "Good morning, this call is recorded."),
                new TranscriptFragment(TimeSpan.FromSeconds(6), "4:+447700900123", "Hi, my bill is wrong."),
                new TranscriptFragment(TimeSpan.FromSeconds(9), "8:acs:agent-ann", "Sorry about that, I've refunded it."),
            ],
            new Dictionary<string, string> { ["4:+447700900123"] = "Caller", ["8:acs:agent-ann"] = "Agent (ann)" });
        Directory.CreateDirectory(data.Combine("transcripts"));
        await File.WriteAllTextAsync(data.Combine("transcripts", "call.txt"), transcript, Ct);
        var earlier = Event(TimelineEventType.Message, Channel.WhatsApp, Direction.In, -600, "an earlier WhatsApp");
        var started = Event(TimelineEventType.CallStarted, Channel.Voice, Direction.In, 0);
        var connected = Event(TimelineEventType.CallConnected, Channel.Voice, Direction.In, 12);
        var ended = Event(TimelineEventType.CallEnded, Channel.Voice, Direction.In, 40);
        var attached = Event(TimelineEventType.TranscriptAvailable, Channel.Voice, Direction.In, 41, "Call transcript (3 lines).");
        var view = new ConversationView(
            new Conversation(Conversation, Guid.NewGuid(), ConversationState.Open, T0, T0, null, []),
            [earlier, started, connected, ended, attached],
            [new TimelineAttachment(Guid.NewGuid(), attached.Id, "transcript.txt", "text/plain", transcript.Length, Path.Combine("transcripts", "call.txt"), T0)]);
        var task = new RoutingTask(Guid.NewGuid(), Conversation, Guid.NewGuid(), Channel.Voice, RoutingTaskState.WrapUp, 0, T0.AddSeconds(1), T0, null, "call-1", "ann") { Queue = "billing" };

        var interaction = await new QaInteractionReader(data, NullLogger<QaInteractionReader>.Instance).ReadAsync(view, task, T0.AddSeconds(60), Ct);

        Assert.Equal((Channel.Voice, "billing"), (interaction.Channel, interaction.Queue));
        Assert.Equal(
            [
                (QaSpeaker.System, QaTurn.CallStarted, started.Id.ToString()),
                (QaSpeaker.System, QaTurn.CallConnected, connected.Id.ToString()),
                (QaSpeaker.Agent, "Good morning, this call is recorded.", $"{attached.Id}#1"),
                (QaSpeaker.Customer, "Hi, my bill is wrong.", $"{attached.Id}#2"),
                (QaSpeaker.Agent, "Sorry about that, I've refunded it.", $"{attached.Id}#3"),
            ],
            interaction.Turns.Select(t => (t.Speaker, t.Text, t.Ref)));
        // A phrase is placed at the call's connection plus its offset, so the turns stay in time order.
        Assert.Equal(T0.AddSeconds(12 + 6), interaction.Turns[3].At);
        Assert.Equal([0, 1, 2, 3, 4], interaction.Turns.Select(t => t.Index));
    }

    [Fact]
    public async Task Messages_are_the_customers_or_the_agents_by_direction_from_the_one_that_opened_the_task_to_the_wrap_up()
    {
        var before = Event(TimelineEventType.Message, Channel.Email, Direction.In, -3600, "last month's mail");
        var opened = Event(TimelineEventType.Message, Channel.Email, Direction.In, 0, "Where is my refund?");
        var note = Event(TimelineEventType.Note, Channel.Email, Direction.Out, 5, "internal note");
        var reply = Event(TimelineEventType.Message, Channel.Email, Direction.Out, 600, "Dear Sam, it is on its way. Kind regards");
        var after = Event(TimelineEventType.Message, Channel.Email, Direction.In, 9000, "thanks!");
        var view = new ConversationView(new Conversation(Conversation, Guid.NewGuid(), ConversationState.Open, T0, T0, null, []), [before, opened, note, reply, after], []);
        var task = new RoutingTask(Guid.NewGuid(), Conversation, Guid.NewGuid(), Channel.Email, RoutingTaskState.WrapUp, 0, T0.AddSeconds(2), T0, null, null, "ben");

        var interaction = await new QaInteractionReader(new DataDirectory(Path.GetTempPath()), NullLogger<QaInteractionReader>.Instance).ReadAsync(view, task, T0.AddSeconds(700), Ct);

        Assert.Equal([(QaSpeaker.Customer, opened.Id.ToString()), (QaSpeaker.Agent, reply.Id.ToString())], interaction.Turns.Select(t => (t.Speaker, t.Ref)));
    }
}
