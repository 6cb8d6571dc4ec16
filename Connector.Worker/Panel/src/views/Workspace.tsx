import type { Desk } from "../state/desk";
import { AssistCard } from "./AssistCard";
import { useStore } from "../state/store";
import { customerLabel } from "../state/desk";
import { Badge } from "./Badge";
import { CallControls } from "./CallControls";
import { ClaimsCard } from "./ClaimsCard";
import { CrmCard } from "./CrmCard";
import { InsightCard } from "./InsightCard";
import { LiveTranscript } from "./LiveTranscript";
import { ReplyBox } from "./ReplyBox";
import { Timeline } from "./Timeline";
import { WrapUp } from "./WrapUp";

/** The tasks the agent holds, one tab each (a chat, a WhatsApp thread and an email at once is a normal morning). */
export function Workspace({ desk }: { desk: Desk }) {
  const tasks = useStore(desk.store, (s) => s.tasks);
  const active = useStore(desk.store, (s) => s.active);
  const customers = useStore(desk.store, (s) => s.customers);
  const current = tasks.find((t) => t.taskId === active) ?? tasks[0];
  if (!tasks.length) {
    return <p class="empty">No task yet. Offers appear above as they come.</p>;
  }

  // Arrow keys move between tabs, as a tab list should.
  const onKey = (e: KeyboardEvent) => {
    const i = tasks.findIndex((t) => t.taskId === current?.taskId);
    const next = e.key === "ArrowRight" ? tasks[(i + 1) % tasks.length] : e.key === "ArrowLeft" ? tasks[(i - 1 + tasks.length) % tasks.length] : null;
    if (next) {
      e.preventDefault();
      desk.select(next.taskId);
      document.getElementById(`tab-${next.taskId}`)?.focus();
    }
  };

  return (
    <section class="workspace" aria-label="My tasks">
      <div role="tablist" aria-label="Tasks" class="tabs" onKeyDown={onKey}>
        {tasks.map((t) => {
          const customer = customers[t.customerId];
          const selected = t.taskId === current?.taskId;
          return (
            <button key={t.taskId} id={`tab-${t.taskId}`} role="tab" type="button" aria-selected={selected} aria-controls={`panel-${t.taskId}`}
              tabIndex={selected ? 0 : -1} class="tab" onClick={() => desk.select(t.taskId)}>
              <Badge channel={t.channel} /> {customer ? customerLabel(customer, t.channel) : "Customer"}
            </button>
          );
        })}
      </div>
      {current && <TaskView desk={desk} taskId={current.taskId} />}
    </section>
  );
}

function TaskView({ desk, taskId }: { desk: Desk; taskId: string }) {
  const task = useStore(desk.store, (s) => s.tasks.find((t) => t.taskId === taskId));
  const conversation = useStore(desk.store, (s) => (task ? s.conversations[task.conversationId] : undefined));
  const context = useStore(desk.store, (s) => s.context);
  if (!task) return null;
  return (
    <div id={`panel-${task.taskId}`} role="tabpanel" aria-labelledby={`tab-${task.taskId}`} class="task" data-task={task.taskId}>
      <CrmCard desk={desk} task={task} />
      {conversation && <ClaimsCard desk={desk} conversation={conversation} />}
      {conversation && <InsightCard conversation={conversation} />}
      {task.channel === "voice" && <CallControls desk={desk} task={task} context={context} />}
      {task.channel === "voice" && <LiveTranscript desk={desk} task={task} />}
      {conversation ? <Timeline conversation={conversation} /> : <p class="muted">Loading the conversation…</p>}
      {conversation && <AssistCard desk={desk} task={task} />}
      {conversation && <ReplyBox desk={desk} task={task} conversation={conversation} context={context} />}
      <WrapUp desk={desk} task={task} context={context} />
    </div>
  );
}
