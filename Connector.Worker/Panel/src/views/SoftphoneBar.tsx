import { useEffect, useMemo, useState } from "preact/hooks";
import type { Desk } from "../state/desk";
import { Softphone } from "../softphone";

/**
 * Where calls ring: the browser (the ACS Calling SDK with the agent's own identity) or the agent's phone number. The
 * router's call rings here; answering, muting and hanging up the browser's audio are local, while hold, transfer and
 * the rest act on the call for everyone (CallControls).
 */
export function SoftphoneBar({ desk }: { desk: Desk }) {
  const phone = useMemo(() => new Softphone(desk.agentId!), [desk]);
  const [, redraw] = useState(0);
  const [number, setNumber] = useState("");
  useEffect(() => {
    phone.onChange = () => redraw((n) => n + 1);
    return () => { void phone.stop(); };
  }, [phone]);
  const name = desk.store.current.me.name ?? desk.agentId ?? "Agent";

  return (
    <section class="softphone" aria-label="Phone">
      {phone.state === "off" || phone.state === "failed" ? (
        <div class="inline-form">
          <button type="button" onClick={() => phone.start(name)}>Take calls in the browser</button>
          {phone.state === "failed" && <span role="alert" class="notice-error">Softphone: {phone.error}</span>}
          <label for="line-number">or on my phone</label>
          <input id="line-number" type="tel" value={number} placeholder="+44 7700 900123" onInput={(e) => setNumber(e.currentTarget.value)} />
          <button type="button" disabled={!number} onClick={() => desk.attempt(async () => { await phone.setPhoneLine(number.replace(/[\s()-]/g, "")); desk.say("info", "Calls ring your phone."); })}>
            Use this number
          </button>
        </div>
      ) : phone.state === "starting" ? (
        <p role="status">Starting the softphone…</p>
      ) : phone.state === "ringing" ? (
        <div class="actions" role="alert">
          <span>Incoming call{phone.caller ? ` from ${phone.caller}` : ""}</span>
          <button type="button" class="primary" onClick={() => phone.answer()}>Answer</button>
          <button type="button" onClick={() => phone.reject()}>Reject</button>
        </div>
      ) : phone.state === "in-call" ? (
        <div class="actions">
          <span role="status">On a call</span>
          <button type="button" aria-pressed={phone.muted} onClick={() => phone.toggleMute()}>{phone.muted ? "Unmute" : "Mute my microphone"}</button>
          <button type="button" class="danger" onClick={() => phone.hangUp()}>Hang up</button>
        </div>
      ) : (
        <p role="status">Calls ring in this browser. <button type="button" class="link" onClick={() => phone.stop()}>Turn off</button></p>
      )}
    </section>
  );
}
