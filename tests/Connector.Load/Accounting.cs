namespace Connector.Load;

/// <summary>
/// Matches each accepted message to what the Worker committed: its timeline entry (by intake id), and its task, the
/// latest task of its conversation and channel created before the webhook answered. The first message of a task
/// "opened" it: its sent → offer latency is the task's first offer minus the message's send time.
/// </summary>
public sealed record Accounting(int InTimeline, int Routed, List<double> SentToOfferMs, int OpenedNotOffered, List<string> Missing)
{
    private static readonly HashSet<string> RoutedStates = new(StringComparer.Ordinal) { "offered", "assigned", "wrap_up", "completed" };

    public static Accounting Of(IReadOnlyList<SentMessage> messages, StoreReadback.Contents store)
    {
        int inTimeline = 0, routed = 0, openedNotOffered = 0;
        var sentToOffer = new List<double>();
        var missing = new List<string>();
        var opened = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages.Where(m => m.Accepted).OrderBy(m => m.SentAt))
        {
            if (!store.ConversationBySource.TryGetValue(message.IntakeId, out var conversation))
            {
                missing.Add($"{message.IntakeId} ({message.Customer}, sent {message.SentAt:HH:mm:ss.fff}): not in any timeline");
                continue;
            }

            inTimeline++;
            var task = store.Tasks.TryGetValue((conversation, message.Channel), out var tasks)
                ? tasks.LastOrDefault(t => t.CreatedAt <= message.AnsweredAt)
                : null;
            if (task is null)
            {
                missing.Add($"{message.IntakeId} ({message.Customer}): in conversation {conversation} but no {message.Channel} task");
                continue;
            }

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
                    sentToOffer.Add((offeredAt - message.SentAt).TotalMilliseconds);
                }
                else
                {
                    openedNotOffered++;
                }
            }
        }

        return new Accounting(inTimeline, routed, sentToOffer, openedNotOffered, missing);
    }
}
