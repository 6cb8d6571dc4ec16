namespace Connector.Load;

/// <summary>
/// Matches each accepted message to what the Worker committed: its timeline entry (by intake id), and its task, the
/// latest task of its conversation and channel created before the webhook answered (a call: the call's own task). The
/// first message of a task "opened" it: its sent → offer latency is the task's first offer minus the message's send time.
/// </summary>
public sealed record Accounting(
    int InTimeline,
    int Routed,
    List<double> SentToOfferMs,
    IReadOnlyDictionary<string, List<double>> SentToOfferMsByChannel,
    int OpenedNotOffered,
    List<string> Missing)
{
    private static readonly HashSet<string> RoutedStates = new(StringComparer.Ordinal) { "offered", "assigned", "wrap_up", "completed" };

    public static Accounting Of(IReadOnlyList<SentMessage> messages, StoreReadback.Contents store)
    {
        int inTimeline = 0, routed = 0, openedNotOffered = 0;
        var sentToOffer = new List<double>();
        var missing = new List<string>();
        var opened = new HashSet<string>(StringComparer.Ordinal);
        var byChannel = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var taskById = store.Tasks.Values.SelectMany(t => t).ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var message in messages.Where(m => m.Accepted).OrderBy(m => m.SentAt))
        {
            if (message.Channel == "voice")
            {
                // A call is found by its connection id; its task is its own (voice_calls.task_id), whatever else the conversation holds.
                var call = store.CallsByConnection.GetValueOrDefault(message.IntakeId["call:".Length..]);
                if (call?.ConversationId is null)
                {
                    missing.Add($"{message.IntakeId} ({message.Customer}, rung {message.SentAt:HH:mm:ss.fff}): {(call is null ? "never answered" : "answered, in no conversation")}");
                    continue;
                }

                inTimeline++;
                var callTask = call.TaskId is null ? null : taskById.GetValueOrDefault(call.TaskId);
                if (callTask is null)
                {
                    missing.Add($"{message.IntakeId} ({message.Customer}): in conversation {call.ConversationId} but no voice task");
                    continue;
                }

                Route(message, callTask);
                continue;
            }

            if (!store.ConversationBySource.TryGetValue(message.IntakeId, out var conversation))
            {
                missing.Add($"{message.IntakeId} ({message.Customer}, sent {message.SentAt:HH:mm:ss.fff}): not in any timeline");
                continue;
            }

            inTimeline++;
            // The message's task: the latest of its conversation and channel created by the time intake took it in
            // (the webhook's answer; for an email, the entry's own time, which the next mail of the thread cannot share).
            var takenBy = message.ByWebhook ? message.AnsweredAt : store.IntakeAtBySource[message.IntakeId].AddMilliseconds(1);
            var task = store.Tasks.TryGetValue((conversation, message.Channel), out var tasks)
                ? tasks.LastOrDefault(t => t.CreatedAt <= takenBy)
                : null;
            if (task is null)
            {
                missing.Add($"{message.IntakeId} ({message.Customer}): in conversation {conversation} but no {message.Channel} task");
                continue;
            }

            Route(message, task);
        }

        void Route(SentMessage message, StoreReadback.TaskRow task)
        {
            var offered = store.FirstOfferAt.TryGetValue(task.Id, out var offeredAt);
            if (offered || RoutedStates.Contains(task.State))
            {
                routed++;
            }
            else
            {
                missing.Add($"{message.IntakeId} ({message.Customer}): task {task.Id} is {task.State}, never offered");
            }

            if (opened.Add(task.Id))
            {
                if (offered)
                {
                    var ms = (offeredAt - message.SentAt).TotalMilliseconds;
                    sentToOffer.Add(ms);
                    if (!byChannel.TryGetValue(message.Channel, out var channel))
                    {
                        byChannel[message.Channel] = channel = [];
                    }

                    channel.Add(ms);
                }
                else
                {
                    openedNotOffered++;
                }
            }
        }

        return new Accounting(inTimeline, routed, sentToOffer, byChannel, openedNotOffered, missing);
    }
}
