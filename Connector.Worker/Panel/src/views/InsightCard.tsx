import type { Conversation } from "../model";
import { channelLabel } from "../model";
import { SentimentBadge, Topics, signed } from "./SentimentBadge";

/**
 * The conversation's insight over all its analysed work, whichever channel and agent it was on: overall sentiment
 * (end-weighted), its trend from start to end, the topics and the channels covered. Shown once an interaction of the
 * conversation was analysed (at its wrap-up); the conversation's open work is not in it yet.
 */
export function InsightCard({ conversation }: { conversation: Conversation }) {
  const summary = conversation.insightSummary;
  if (!summary || summary.sentiment === null) return null;
  return (
    <section class="insight" aria-label="Conversation insight">
      <SentimentBadge sentiment={summary.sentiment} />{" "}
      <span class="insight-trend">Trend: {summary.direction}{summary.trend !== null ? ` (${signed(summary.trend)})` : ""}</span>{" "}
      <span class="muted">
        over {summary.interactions} {summary.interactions === 1 ? "interaction" : "interactions"}:{" "}
        {summary.channels.map((c) => channelLabel[c] ?? c).join(", ")}
      </span>
      <Topics topics={summary.topics} />
    </section>
  );
}
