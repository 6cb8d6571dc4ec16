import type { Desk, HeldTask } from "../state/desk";
import { useStore } from "../state/store";

/**
 * Agent assist: knowledge articles and reviewed replies for what the customer just wrote, and a drafted reply when an
 * AI service wrote one. "Insert" puts the text in the reply box, where the agent edits it before sending; nothing is
 * sent from here.
 */
export function AssistCard({ desk, task }: { desk: Desk; task: HeldTask }) {
  const assist = useStore(desk.store, (s) => s.assist[task.conversationId]);
  if (task.channel === "voice" || !assist) return null;
  const empty = !assist.articles.length && !assist.replies.length && !assist.draft;
  const insert = (suggestion: { id: string; kind: "article" | "reply" | "draft" }, text: string) =>
    void desk.insertSuggestion(task.conversationId, suggestion, text);
  return (
    <section class="assist" aria-label="Suggestions">
      <h3>Suggestions</h3>
      {empty && <p class="muted">No suggestion for the customer's last message.</p>}
      <ul>
        {assist.draft && (
          <li key={assist.draft.id}>
            <p><strong>Draft</strong> <span class="muted">({assist.draft.method})</span></p>
            <p>{assist.draft.text}</p>
            <button type="button" onClick={() => insert(assist.draft!, assist.draft!.text)}>Insert draft</button>
          </li>
        )}
        {assist.replies.map((r) => (
          <li key={r.id}>
            <p>{r.text}</p>
            <p class="muted">{r.why}</p>
            <button type="button" onClick={() => insert(r, r.text)} aria-label={`Insert reply: ${r.text.slice(0, 60)}`}>Insert</button>
          </li>
        ))}
        {assist.articles.map((a) => (
          <li key={a.id}>
            <p><strong>{a.title}</strong></p>
            <p>{a.body}</p>
            <p class="muted">{a.why}</p>
            <button type="button" onClick={() => insert(a, a.body)} aria-label={`Insert article: ${a.title}`}>Insert</button>
          </li>
        ))}
      </ul>
      {!assist.draft && assist.draftUnavailable && <p class="muted">No draft: {assist.draftUnavailable}</p>}
    </section>
  );
}
