import { useEffect } from "preact/hooks";
import type { Desk, Offer } from "../state/desk";
import { Badge } from "./Badge";
import { duration, useNow } from "./time";

export const firstOfferMark = "panel:first-offer";

/** An incoming offer: who, on which channel and queue, how long they waited, why it came to this agent, and the time left. */
export function OfferCard({ desk, offer }: { desk: Desk; offer: Offer }) {
  const now = useNow();
  // The load-time figure the panel is measured by: navigation to the first offer on screen.
  useEffect(() => {
    if (!performance.getEntriesByName(firstOfferMark).length) performance.mark(firstOfferMark);
  }, []);
  const left = Date.parse(offer.expiresAt) - now;
  const why = offer.why;
  return (
    <section class="offer" aria-label={`Offer: ${offer.channel} from ${offer.customer ?? "a customer"}`} data-task={offer.taskId}>
      <header>
        <Badge channel={offer.channel} />
        <strong class="offer-customer">{offer.customer ?? "Customer"}</strong>
        <span class="offer-countdown" role="timer" aria-label={`${Math.max(0, Math.ceil(left / 1000))} seconds left to accept`}>
          {duration(left)}
        </span>
      </header>
      <dl class="facts">
        <dt>Queue</dt>
        <dd>{offer.queue ?? "none"}</dd>
        <dt>Waiting</dt>
        <dd>{duration(now - Date.parse(offer.waitingSince))}</dd>
        {why && (
          <>
            <dt>Why you</dt>
            <dd class="offer-why">
              {why.agentReason ?? why.rule} (rule {why.rule}, {why.candidatesConsidered} agent{why.candidatesConsidered === 1 ? "" : "s"} considered)
            </dd>
          </>
        )}
      </dl>
      {offer.preview && <p class="offer-preview">{offer.preview}</p>}
      <div class="actions">
        <button type="button" class="primary" onClick={() => desk.accept(offer.taskId)}>Accept</button>
        <button type="button" onClick={() => desk.decline(offer.taskId)}>Decline</button>
      </div>
    </section>
  );
}
