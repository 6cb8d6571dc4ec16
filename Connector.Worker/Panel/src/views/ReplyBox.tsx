import { useEffect, useState } from "preact/hooks";
import type { Conversation, PanelContext } from "../model";
import type { Desk, HeldTask } from "../state/desk";
import { channelLabel } from "../model";
import { useStore } from "../state/store";

const whatsAppWindowMs = 24 * 60 * 60 * 1000;

/**
 * The reply box for chat, WhatsApp and email. WhatsApp allows free text only within 24 hours of the customer's last
 * message: after that the box offers the approved templates instead (the Worker refuses free text anyway, and says so).
 */
export function ReplyBox({ desk, task, conversation, context }: { desk: Desk; task: HeldTask; conversation: Conversation; context: PanelContext | null }) {
  const [text, setText] = useState("");
  const [subject, setSubject] = useState("");
  const [template, setTemplate] = useState("");
  const [parameters, setParameters] = useState("");
  const [sending, setSending] = useState(false);
  // A suggestion the agent inserted (AssistCard) replaces the draft in the box; the agent edits it before sending.
  const inserted = useStore(desk.store, (s) => s.inserted[conversation.id]);
  useEffect(() => {
    if (inserted) setText(inserted.text);
  }, [inserted?.seq]);
  const channel = task.channel;
  if (channel === "voice") return null;

  const lastWhatsApp = conversation.timeline.filter((e) => e.channel === "whatsapp" && e.direction === "in").at(-1);
  const windowClosed = channel === "whatsapp" && (!lastWhatsApp || Date.now() - Date.parse(lastWhatsApp.at) > whatsAppWindowMs);
  const templates = context?.whatsAppTemplates ?? [];
  const id = `reply-${task.taskId}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    setSending(true);
    const body = windowClosed
      ? { channel, templateName: template, templateParameters: parameters ? parameters.split("|").map((p) => p.trim()) : [] }
      : { channel, text, subject: channel === "email" && subject ? subject : undefined };
    const sent = await desk.reply(conversation.id, body);
    setSending(false);
    if (sent !== undefined) {
      setText("");
      setParameters("");
    }
  };

  return (
    <form class="reply" onSubmit={submit} aria-label={`Reply by ${channelLabel[channel]}`}>
      {channel === "email" && (
        <>
          <label for={`${id}-subject`}>Subject</label>
          <input id={`${id}-subject`} value={subject} placeholder="Re: the customer's subject" onInput={(e) => setSubject(e.currentTarget.value)} />
        </>
      )}
      {windowClosed ? (
        <>
          <p class="hint" role="note">The WhatsApp 24-hour window is closed: send an approved template.</p>
          <label for={`${id}-template`}>Template</label>
          <select id={`${id}-template`} value={template} onChange={(e) => setTemplate(e.currentTarget.value)} required>
            <option value="">Choose a template</option>
            {templates.map((t) => <option key={t.name} value={t.name}>{t.description ? `${t.name} (${t.language}): ${t.description}` : `${t.name} (${t.language})`}</option>)}
          </select>
          <label for={`${id}-params`}>Parameters, separated by |</label>
          <input id={`${id}-params`} value={parameters} onInput={(e) => setParameters(e.currentTarget.value)} />
        </>
      ) : (
        <>
          <label for={`${id}-text`}>Message</label>
          <textarea id={`${id}-text`} rows={3} value={text} required onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit(e); }} />
        </>
      )}
      <button type="submit" class="primary" disabled={sending}>Send {channelLabel[channel]}</button>
    </form>
  );
}
