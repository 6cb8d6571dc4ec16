import type { Desk } from "../state/desk";
import { useStore } from "../state/store";
import { channelLabel, channels } from "../model";

/** Online per channel: the agent takes work on the channels they tick; none ticked is away. */
export function Presence({ desk }: { desk: Desk }) {
  const presence = useStore(desk.store, (s) => s.presence);
  const toggle = (channel: string) =>
    desk.setPresence(presence.includes(channel) ? presence.filter((c) => c !== channel) : [...presence, channel]);
  return (
    <fieldset class="presence">
      <legend>{presence.length ? "Available on" : "Away"}</legend>
      {channels.map((c) => (
        <label key={c} class={`presence-item ${presence.includes(c) ? "on" : ""}`}>
          <input type="checkbox" checked={presence.includes(c)} onChange={() => toggle(c)} />
          {channelLabel[c]}
        </label>
      ))}
      <button type="button" class="link" onClick={() => desk.setPresence(presence.length ? [] : [...channels])}>
        {presence.length ? "Go away" : "Available on all"}
      </button>
    </fieldset>
  );
}
