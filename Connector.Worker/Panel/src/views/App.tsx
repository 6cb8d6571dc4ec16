import { useState } from "preact/hooks";
import type { Desk } from "../state/desk";
import { useStore } from "../state/store";
import { DialBox } from "./DialBox";
import { OfferCard } from "./OfferCard";
import { Presence } from "./Presence";
import { SoftphoneBar } from "./SoftphoneBar";
import { Supervisor } from "./Supervisor";
import { Workspace } from "./Workspace";

/** The panel: the agent's desk, and for supervisors and admins their view of the floor, one click apart. */
export function App({ desk }: { desk: Desk }) {
  const me = useStore(desk.store, (s) => s.me);
  const offers = useStore(desk.store, (s) => s.offers);
  const connection = useStore(desk.store, (s) => s.connection);
  const notice = useStore(desk.store, (s) => s.notice);
  const supervises = me.roles.includes("supervisor") || me.roles.includes("admin");
  const [view, setView] = useState<"desk" | "floor">(me.agentId ? "desk" : "floor");

  return (
    <div class="app">
      <header class="topbar">
        <h1>{me.name ?? me.agentId ?? "Panel"}</h1>
        <span class={`connection connection-${connection}`} role="status">
          {connection === "live" ? "Live" : connection === "reconnecting" ? "Reconnecting…" : connection === "offline" ? "Offline" : "Connecting…"}
        </span>
        {supervises && me.agentId && (
          <nav aria-label="Views">
            <button type="button" aria-pressed={view === "desk"} onClick={() => setView("desk")}>My desk</button>
            <button type="button" aria-pressed={view === "floor"} onClick={() => setView("floor")}>Supervisor</button>
          </nav>
        )}
        <a class="signout" href="/signout">Sign out</a>
      </header>
      <p class={`notice ${notice ? `notice-${notice.kind}` : ""}`} role={notice?.kind === "error" ? "alert" : "status"}>
        {notice?.text ?? ""}
        {notice && <button type="button" class="link" aria-label="Dismiss" onClick={() => desk.store.update((s) => ({ ...s, notice: null }))}>×</button>}
      </p>
      <main>
        {view === "desk" && me.agentId ? (
          <>
            <Presence desk={desk} />
            <SoftphoneBar desk={desk} />
            <section aria-label="Offers" class="offers" aria-live="assertive">
              {offers.map((o) => <OfferCard key={o.taskId} desk={desk} offer={o} />)}
            </section>
            <Workspace desk={desk} />
            <DialBox desk={desk} />
          </>
        ) : (
          <Supervisor desk={desk} />
        )}
      </main>
    </div>
  );
}

