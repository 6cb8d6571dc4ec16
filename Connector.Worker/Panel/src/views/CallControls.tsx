import { useEffect, useState } from "preact/hooks";
import { getJson } from "../api";
import type { PanelContext } from "../model";
import type { Desk, HeldTask } from "../state/desk";

/**
 * Controls of the agent's call: hold/resume, mute, transfer (to an agent or a queue through its journey), bring in a
 * supervisor, secure card capture (the panel shows only how many keys were pressed, never the digits), hang up.
 */
export function CallControls({ desk, task, context }: { desk: Desk; task: HeldTask; context: PanelContext | null }) {
  const [held, setHeld] = useState(false);
  const [target, setTarget] = useState("");
  const [supervisor, setSupervisor] = useState("");
  const [capture, setCapture] = useState<{ active: boolean; digitCount: number } | null>(null);
  const call = task.callConnectionId;
  const live = call && task.callPhase !== "call_ended";

  // While a secure capture runs, the count of keys is read every second (the digits never reach the panel).
  useEffect(() => {
    if (!call || !capture?.active) return;
    const timer = window.setInterval(async () => {
      const status = await getJson<{ digitCount: number }>(`/api/calls/${encodeURIComponent(call)}/secure-capture`).catch(() => null);
      if (status) setCapture({ active: true, digitCount: status.digitCount });
    }, 1000);
    return () => window.clearInterval(timer);
  }, [call, capture?.active]);

  if (!live) {
    return <p class="muted">{task.callPhase === "call_ended" ? "The call has ended." : "Waiting for the call to connect…"}</p>;
  }
  const act = (action: string, body: object = {}) => desk.call(call, action, body);
  const transfer = async () => {
    const [kind, value] = target.split(":", 2);
    await act("transfer", kind === "agent" ? { toAgentId: value } : { toJourney: value });
  };

  return (
    <div class="call-controls" role="group" aria-label="Call controls">
      <div class="actions">
        <button type="button" aria-pressed={held} onClick={async () => { if (await act(held ? "resume" : "hold") !== undefined) setHeld(!held); }}>
          {held ? "Resume" : "Hold"}
        </button>
        <button type="button" onClick={() => act("mute")}>Mute</button>
        <button type="button" class="danger" onClick={() => act("hang-up")}>Hang up</button>
      </div>
      <div class="inline-form">
        <label for={`transfer-${task.taskId}`}>Transfer to</label>
        <select id={`transfer-${task.taskId}`} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">Choose…</option>
          <optgroup label="Agents">
            {(context?.agents ?? []).map((a) => <option key={a.id} value={`agent:${a.id}`}>{a.name ?? a.id}{a.online ? "" : " (offline)"}</option>)}
          </optgroup>
          <optgroup label="Queues">
            {(context?.journeys ?? []).map((j) => <option key={j.name} value={`journey:${j.name}`}>{j.queue} ({j.name})</option>)}
          </optgroup>
        </select>
        <button type="button" disabled={!target} onClick={transfer}>Transfer</button>
      </div>
      <div class="inline-form">
        <label for={`supervisor-${task.taskId}`}>Supervisor</label>
        <select id={`supervisor-${task.taskId}`} value={supervisor} onChange={(e) => setSupervisor(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {(context?.agents ?? []).map((a) => <option key={a.id} value={a.id}>{a.name ?? a.id}</option>)}
        </select>
        <button type="button" disabled={!supervisor} onClick={() => act("supervisor", { supervisorId: supervisor })}>Add supervisor</button>
      </div>
      <div class="secure-capture">
        {capture?.active ? (
          <>
            <span role="status">Card capture: {"•".repeat(capture.digitCount)} {capture.digitCount} keys</span>
            <button type="button" onClick={async () => { if (await act("secure-capture/stop") !== undefined) setCapture(null); }}>Stop capture</button>
          </>
        ) : (
          <button type="button" onClick={async () => { if (await act("secure-capture/start") !== undefined) setCapture({ active: true, digitCount: 0 }); }}>
            Secure card capture
          </button>
        )}
      </div>
    </div>
  );
}
