import type { Attachment, Conversation, TimelineEvent } from "../model";
import { Badge } from "./Badge";
import { SentimentBadge, Topics } from "./SentimentBadge";
import { clock, duration } from "./time";

/**
 * The conversation as ONE timeline across channels: every message, call, recording, transcript and note in the order it
 * happened, each with its channel's badge. Text is rendered as text (Preact escapes it): a customer's message is never markup.
 */
export function Timeline({ conversation }: { conversation: Conversation }) {
  const events = conversation.timeline;
  return (
    <ol class="timeline" aria-label="Conversation timeline" aria-live="polite">
      {events.map((e) => (
        <li key={e.id} class={`entry entry-${e.direction} entry-${e.type}`} data-event={e.id}>
          <div class="entry-meta">
            <Badge channel={e.channel} />
            <span class="entry-who">{e.direction === "in" ? "Customer" : e.direction === "out" ? "Agent" : ""}</span>
            <time dateTime={e.at}>{clock(e.at)}</time>
            {e.deliveryStatus && <span class="entry-status">{e.deliveryStatus}</span>}
            {e.insight && <SentimentBadge sentiment={e.insight.sentiment} />}
          </div>
          <Body event={e} all={events} />
          {e.insight && <Topics topics={e.insight.topics} />}
        </li>
      ))}
    </ol>
  );
}

function Body({ event: e, all }: { event: TimelineEvent; all: TimelineEvent[] }) {
  switch (e.type) {
    case "call_started":
      return <p class="entry-call">Call started{e.text ? `: ${e.text}` : ""}</p>;
    case "call_connected":
      return <p class="entry-call">Call connected</p>;
    case "call_ended": {
      const started = all.find((x) => x.type === "call_started" && x.externalRef === e.externalRef);
      return <p class="entry-call">Call ended{started ? ` after ${duration(Date.parse(e.at) - Date.parse(started.at))}` : ""}{e.text ? `: ${e.text}` : ""}</p>;
    }
    case "recording_available":
      return (
        <>
          <p class="entry-call">Recording: {e.text ?? "available"}</p>
          <Attachments event={e} />
        </>
      );
    case "transcript_available":
      return (
        <>
          <details class="entry-transcript"><summary>Transcript</summary><pre>{e.text}</pre></details>
          <Attachments event={e} />
        </>
      );
    default:
      return e.channel === "email" ? <Email event={e} /> : (
        <>
          {e.text && <p class="entry-text">{e.text}</p>}
          <Attachments event={e} />
        </>
      );
  }
}

/** An email: its subject, the new text, and the quoted history folded away (it repeats what the timeline already shows). */
function Email({ event: e }: { event: TimelineEvent }) {
  const { fresh, quoted } = splitQuoted(e.text ?? "");
  return (
    <>
      {e.subject && <p class="entry-subject">{e.subject}</p>}
      <p class="entry-text">{fresh}</p>
      {quoted && (
        <details class="entry-quoted">
          <summary>Quoted history</summary>
          <pre>{quoted}</pre>
        </details>
      )}
      <Attachments event={e} />
    </>
  );
}

function Attachments({ event }: { event: TimelineEvent }) {
  if (!event.attachments?.length) return null;
  return (
    <ul class="entry-attachments" aria-label="Attachments">
      {event.attachments.map((a) => <li key={a.id}><AttachmentView attachment={a} /></li>)}
    </ul>
  );
}

/**
 * A file of the conversation, from the Worker's own origin (the panel's CSP allows img-src and media-src 'self'):
 * pictures shown, recordings played (the Worker serves ranges, so seeking works), anything else downloaded. The
 * Worker serves each file sandboxed, so an HTML or SVG file opened from here can never run script as the panel.
 */
function AttachmentView({ attachment: a }: { attachment: Attachment }) {
  const about = <span class="muted">({size(a.sizeBytes)}, {a.contentType})</span>;
  if (a.contentType.startsWith("image/")) {
    return <img class="attachment-image" src={a.url} alt={a.fileName} loading="lazy" />;
  }
  if (a.contentType.startsWith("audio/")) {
    // Nothing is fetched until the agent presses play: each fetch of a call recording is audited as a play.
    return (
      <figure class="attachment-audio">
        <audio controls preload="none" src={a.url} aria-label={a.fileName} />
        <figcaption>{a.fileName} {about}</figcaption>
      </figure>
    );
  }
  return <><a href={a.url} download={a.fileName}>{a.fileName}</a> {about}</>;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.ceil(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Where a reply's quoted history starts: the first "On … wrote:" line, a "-----Original Message-----" line, or a run of "> " lines. */
export function splitQuoted(text: string): { fresh: string; quoted: string | null } {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l, i) =>
    /^On .+wrote:\s*$/.test(l.trim()) || /^-{2,}\s*Original Message\s*-{2,}$/i.test(l.trim()) || (l.startsWith(">") && lines.slice(i).every((x) => x.startsWith(">") || !x.trim())));
  return start <= 0 ? { fresh: text, quoted: null } : { fresh: lines.slice(0, start).join("\n").trimEnd(), quoted: lines.slice(start).join("\n") };
}
