import type { Desk, HeldTask } from "../state/desk";
import { useStore } from "../state/store";

/**
 * What is being said on the agent's running call, phrase by phrase as the Worker keeps them (already redacted; nothing
 * said during secure capture ever arrives). The list is a polite live region, so a screen reader reads new phrases
 * without interrupting. It goes when the call ends: the timeline's transcript entry then holds the whole transcript.
 */
export function LiveTranscript({ desk, task }: { desk: Desk; task: HeldTask }) {
  const call = task.callConnectionId;
  // The whole map is selected: useStore keeps its first selector, and the call becomes known after the first render.
  const transcripts = useStore(desk.store, (s) => s.transcripts);
  const phrases = (call && transcripts[call]) || [];
  if (!call || task.callPhase === "call_ended") return null;
  return (
    <section class="live-transcript" aria-label="Live transcript">
      <h3>Live transcript</h3>
      {!phrases.length && <p class="muted">Nothing said yet.</p>}
      <ol class="phrases" aria-live="polite">
        {phrases.map((p) => (
          <li key={`${p.offsetMs}:${p.speaker}:${p.text}`} class={`phrase phrase-${p.speaker}`}>
            <span class="phrase-who">{p.speaker === "caller" ? "Caller" : "Agent"}</span>
            {at(p.offsetMs) && <time class="muted">{at(p.offsetMs)}</time>}
            <span class="phrase-text">{p.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** mm:ss into the call; nothing when the offset counts from an epoch rather than the call's start (some senders do). */
function at(offsetMs: number): string | null {
  if (offsetMs < 0 || offsetMs > 86_400_000) return null;
  const seconds = Math.floor(offsetMs / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}
