import type { Desk } from "../state/desk";
import type { Conversation } from "../model";

/**
 * What the customer said is theirs without proof (a phone or email typed into the web chat, the From of a mail no
 * DMARC pass vouched for): shown as "claimed, not verified" so the agent does not take it for the customer's own, with a
 * Confirm for an agent who checked it (the Worker then links it, merging with that identity's customer as intake does).
 */
export function ClaimsCard({ desk, conversation }: { desk: Desk; conversation: Conversation }) {
  const claimed = (conversation.claims ?? []).filter((c) => c.state === "claimed");
  if (claimed.length === 0) return null;
  return (
    <section class="claims" aria-label="Claimed identities">
      <ul>
        {claimed.map((c) => (
          <li key={c.id} data-claim={c.id}>
            <span>{c.kind} {c.value}: claimed, not verified</span>{" "}
            <button type="button" onClick={() => desk.confirmClaim(conversation.id, c.id)} aria-label={`Confirm ${c.kind} ${c.value}`}>
              Confirm
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
