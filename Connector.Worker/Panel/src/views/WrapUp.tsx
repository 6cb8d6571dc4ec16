import { useState } from "preact/hooks";
import type { PanelContext } from "../model";
import type { Desk, HeldTask } from "../state/desk";

/** Wrap-up: a disposition from the charter's codes for this channel (free text when the charter lists none) and notes. */
export function WrapUp({ desk, task, context }: { desk: Desk; task: HeldTask; context: PanelContext | null }) {
  const codes = (context?.dispositions ?? []).filter((d) => !d.channels?.length || d.channels.includes(task.channel));
  const [disposition, setDisposition] = useState("");
  const [notes, setNotes] = useState("");
  const id = `wrap-${task.taskId}`;
  return (
    <form class="wrap-up" aria-label="Wrap-up" onSubmit={(e) => { e.preventDefault(); void desk.wrapUp(task, disposition, notes); }}>
      <label for={`${id}-disposition`}>Disposition</label>
      {codes.length ? (
        <select id={`${id}-disposition`} value={disposition} required onChange={(e) => setDisposition(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {codes.map((d) => <option key={d.code} value={d.code}>{d.label}</option>)}
        </select>
      ) : (
        <input id={`${id}-disposition`} value={disposition} maxLength={255} onInput={(e) => setDisposition(e.currentTarget.value)} />
      )}
      <label for={`${id}-notes`}>Notes</label>
      <textarea id={`${id}-notes`} rows={2} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      <button type="submit" class="primary">Wrap up</button>
    </form>
  );
}
