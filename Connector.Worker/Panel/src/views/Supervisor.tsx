import { useEffect, useState } from "preact/hooks";
import { getJson, send } from "../api";
import type { Conversation } from "../model";
import type { Desk } from "../state/desk";
import { useStore } from "../state/store";
import { Badge } from "./Badge";
import { clock, duration, useNow } from "./time";

interface QueueChannel {
  channel: string;
  waiting: number;
  oldestWaitSeconds: number | null;
  offered: number;
  assigned: number;
  slaTargetSeconds: number | null;
  slaAttainment: number | null;
  breachedWaiting: number;
}

interface QueueView {
  queue: string;
  channels: QueueChannel[];
  agents: { online: number; busy: number };
}

interface AgentTask {
  id: string;
  conversationId?: string;
  channel: string;
  queue: string | null;
  state: string;
  since: string;
}

interface AgentView {
  id: string;
  name: string;
  channels: string[];
  capacity?: { total: number; used: number; usedPerChannel: Record<string, number> };
  tasks?: AgentTask[];
}

/**
 * The supervisor's view: their queues live (waiting per channel, oldest wait, SLA attainment now), their agents
 * (presence per channel, capacity used, current tasks) and breaches as they happen; they reassign a task, and listen in
 * or join a call. Refreshed on every message that changes it (breach, presence, offer, assignment), not on a timer.
 */
export function Supervisor({ desk }: { desk: Desk }) {
  const breaches = useStore(desk.store, (s) => s.breaches);
  const [queues, setQueues] = useState<QueueView[]>([]);
  const [readAt, setReadAt] = useState(Date.now());
  const [agents, setAgents] = useState<AgentView[]>([]);
  const now = useNow();

  const refresh = async () => {
    const [q, a] = await Promise.all([
      getJson<QueueView[]>("/api/queues").catch((e) => { desk.say("error", `Queues: ${e.message}`); return null; }),
      getJson<AgentView[]>("/api/agents").catch(() => null),
    ]);
    if (q) {
      setQueues(q);
      setReadAt(Date.now());
    }
    if (a) setAgents(a);
  };

  useEffect(() => {
    void refresh();
    let pending: number | undefined;
    // Several messages in a burst (a router tick's offers) make one refresh.
    const off = desk.onPush(() => {
      pending ??= window.setTimeout(() => { pending = undefined; void refresh(); }, 250);
    });
    return () => { off(); if (pending !== undefined) window.clearTimeout(pending); };
  }, [desk]);

  const reassign = (taskId: string) => desk.attempt(async () => { await send("POST", `/api/tasks/${taskId}/reassign`, {}); await refresh(); });
  const joinCall = (task: AgentTask, mode: "listen" | "join") => desk.attempt(async () => {
    const conversation = await getJson<Conversation>(`/api/conversations/${task.conversationId}`);
    const call = conversation.timeline.filter((e) => e.type.startsWith("call_") && e.externalRef).at(-1);
    if (!call?.externalRef || call.type === "call_ended") throw new Error("That call is not live.");
    await send("POST", `/api/calls/${encodeURIComponent(call.externalRef)}/supervisor`, { mode });
    desk.say("info", mode === "listen" ? "Listening in, muted." : "Joined the call.");
  });

  return (
    <section class="supervisor" aria-label="Supervisor">
      <h2>Queues</h2>
      <table class="grid">
        <caption class="visually-hidden">Waiting work per queue and channel</caption>
        <thead><tr><th scope="col">Queue</th><th scope="col">Channel</th><th scope="col">Waiting</th><th scope="col">Oldest</th><th scope="col">SLA now</th><th scope="col">Agents online / busy</th></tr></thead>
        <tbody>
          {queues.flatMap((q) => q.channels.map((c, i) => (
            <tr key={`${q.queue}-${c.channel}`} class={c.breachedWaiting > 0 ? "breached" : ""}>
              {i === 0 && <th scope="row" rowSpan={q.channels.length}>{q.queue}</th>}
              <td><Badge channel={c.channel} /></td>
              <td>{c.waiting}{c.breachedWaiting > 0 ? ` (${c.breachedWaiting} past target)` : ""}</td>
              <td>{c.oldestWaitSeconds === null ? "–" : duration(c.oldestWaitSeconds * 1000 + (now - readAt))}</td>
              <td>{c.slaAttainment === null ? "–" : `${Math.round(c.slaAttainment * 100)}%`}</td>
              {i === 0 && <td rowSpan={q.channels.length}>{q.agents.online} / {q.agents.busy}</td>}
            </tr>
          )))}
        </tbody>
      </table>

      <h2>Breaches</h2>
      <ul class="breaches" aria-live="assertive" aria-label="SLA breaches">
        {breaches.length === 0 && <li class="muted">None since you opened the panel.</li>}
        {breaches.map((b) => (
          <li key={`${b.taskId}-${b.kind}`} class="breach" data-task={b.taskId}>
            <Badge channel={b.channel} /> {b.queue ?? "no queue"}: {b.kind === "answer" ? "not answered in time" : "no first response in time"} at {clock(b.at)}{" "}
            <button type="button" class="link" onClick={() => reassign(b.taskId)}>Reassign</button>
          </li>
        ))}
      </ul>

      <h2>Agents</h2>
      <ul class="agents">
        {agents.map((a) => (
          <li key={a.id} class="agent-row">
            <strong>{a.name || a.id}</strong>{" "}
            {a.channels.length ? a.channels.map((c) => <Badge key={c} channel={c} />) : <span class="muted">away</span>}
            {a.capacity && (
              <span class="muted"> capacity {a.capacity.used}/{a.capacity.total}{Object.keys(a.capacity.usedPerChannel).length ? ` (${Object.entries(a.capacity.usedPerChannel).map(([c, n]) => `${c} ${n}`).join(", ")})` : ""}</span>
            )}
            {a.channels.length > 0 && a.id !== desk.agentId && (
              <button type="button" class="link" onClick={() => desk.attempt(() => send("PUT", `/api/agents/${encodeURIComponent(a.id)}/presence`, { channels: [] }))}>Set away</button>
            )}
            {a.tasks?.length ? (
              <ul>
                {a.tasks.map((t) => (
                  <li key={t.id}>
                    <Badge channel={t.channel} /> {t.queue ?? ""} {t.state} for {duration(now - Date.parse(t.since))}{" "}
                    <button type="button" class="link" onClick={() => reassign(t.id)}>Reassign</button>
                    {t.channel === "voice" && t.conversationId && (
                      <>
                        <button type="button" class="link" onClick={() => joinCall(t, "listen")}>Listen</button>
                        <button type="button" class="link" onClick={() => joinCall(t, "join")}>Join</button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
