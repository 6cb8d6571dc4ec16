import { useState } from "preact/hooks";
import type { Desk } from "../state/desk";

/** Outbound call from the panel itself (in a CRM, click-to-dial on a number does the same). */
export function DialBox({ desk }: { desk: Desk }) {
  const [to, setTo] = useState("");
  return (
    <form class="dial inline-form" aria-label="Call a number" onSubmit={async (e) => {
      e.preventDefault();
      if (await desk.dial(to.replace(/[\s()-]/g, "")) !== undefined) setTo("");
    }}>
      <label for="dial-to">Call</label>
      <input id="dial-to" type="tel" inputMode="tel" placeholder="+44 7700 900123" value={to} required pattern="\+?[0-9 ()-]{6,}"
        onInput={(e) => setTo(e.currentTarget.value)} />
      <button type="submit">Dial</button>
    </form>
  );
}
