/** Where a sentiment (-1 to 1) stops being neutral: the embedded model's scores of plain statements sit within it. */
const neutralWithin = 0.2;

export function sentimentLabel(sentiment: number): "positive" | "negative" | "neutral" {
  return sentiment >= neutralWithin ? "positive" : sentiment <= -neutralWithin ? "negative" : "neutral";
}

export function signed(value: number): string {
  return `${value > 0 ? "+" : value < 0 ? "\u2212" : ""}${Math.abs(value).toFixed(2)}`;
}

/** A sentiment said in words with its score; the colour only repeats what the text says. */
export function SentimentBadge({ sentiment }: { sentiment: number }) {
  const label = sentimentLabel(sentiment);
  return <span class={`sentiment sentiment-${label}`}>Sentiment: {label} ({signed(sentiment)})</span>;
}

/** Topics as a labelled list, with how many turns touched each when counts are given. */
export function Topics({ topics }: { topics: string[] | Record<string, number> }) {
  const entries = Array.isArray(topics) ? topics.map((t) => [t, null] as const) : Object.entries(topics);
  if (!entries.length) return null;
  return (
    <ul class="topics" aria-label="Topics">
      {entries.map(([topic, count]) => <li key={topic} class="topic">{topic}{count !== null ? ` \u00d7${count}` : ""}</li>)}
    </ul>
  );
}
