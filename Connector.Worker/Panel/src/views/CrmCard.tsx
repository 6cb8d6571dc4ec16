import type { Desk, HeldTask } from "../state/desk";
import { useStore } from "../state/store";

/**
 * The customer's CRM record and cases, with links. When the CRM holds several matching contacts the sync creates none and
 * waits: the agent picks the right one here, and every activity of the customer is then logged on it.
 */
export function CrmCard({ desk, task }: { desk: Desk; task: HeldTask }) {
  const crm = useStore(desk.store, (s) => s.crm[task.customerId]);
  if (!crm?.crm) return null;
  return (
    <section class="crm" aria-label="CRM record">
      {crm.contact ? (
        <p>
          {crm.contact.recordType}{" "}
          {crm.contact.url ? <a href={crm.contact.url} target="_blank" rel="noopener noreferrer">{crm.contact.recordId}</a> : crm.contact.recordId}
          {" "}
          <button type="button" class="link" onClick={() => desk.host.screenPop(crm.contact!)}>Open in CRM</button>
        </p>
      ) : crm.candidates.length > 1 ? (
        <fieldset class="picker">
          <legend>{crm.candidates.length} CRM records match this customer: which one is it?</legend>
          {crm.candidates.map((c) => (
            <div key={c.recordId} class="candidate">
              <span>{c.name ?? c.recordId}{c.email ? ` · ${c.email}` : ""}{c.phone ? ` · ${c.phone}` : ""}</span>
              <button type="button" onClick={() => desk.chooseContact(task.customerId, c.recordId)} aria-label={`Use ${c.name ?? c.recordId}`}>
                Use this one
              </button>
            </div>
          ))}
        </fieldset>
      ) : (
        <p class="muted">Looking for the customer in the CRM…</p>
      )}
      {crm.cases.length > 0 && (
        <ul class="cases" aria-label="Cases">
          {crm.cases.map((c) => <li key={c.recordId}>{c.url ? <a href={c.url} target="_blank" rel="noopener noreferrer">{c.recordType} {c.recordId}</a> : `${c.recordType} ${c.recordId}`}</li>)}
        </ul>
      )}
    </section>
  );
}
