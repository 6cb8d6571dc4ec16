// The agent panel's entry: find the host (a CRM frame or none), find who is signed in, then open the live connection and
// read the desk. Everything the agent sees after that arrives as hub messages.
import { render } from "preact";
import { ApiError, getJson } from "./api";
import type { Me } from "./model";
import { selectHost } from "./host/select";
import { PushConnection } from "./push";
import { Desk } from "./state/desk";
import { App } from "./views/App";

async function boot(root: HTMLElement) {
  const host = selectHost(new URL(location.href), window.parent !== window);
  document.documentElement.dataset.host = host.host;

  let me: Me;
  try {
    me = await getJson<Me>("/api/me");
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return; // on its way to the sign-in page
    throw e;
  }

  const desk = new Desk(me, host);
  // The page's "Loading…" placeholder goes: Preact renders into the element, it does not replace what is there.
  root.replaceChildren();
  render(<App desk={desk} />, root);

  const push = new PushConnection((m) => desk.receive(m));
  push.onStateChange = (state) => desk.setConnection(state);

  await host.start({
    clickToDial: ({ number }) => void desk.dial(number),
    navigated: () => {},
  }).catch((e) => desk.say("error", `The CRM screen did not answer: ${e instanceof Error ? e.message : e}`));

  await push.start().catch((e) => desk.say("error", `No live connection: ${e instanceof Error ? e.message : e}`));
  await desk.load().catch((e) => desk.say("error", e instanceof Error ? e.message : String(e)));
  document.documentElement.dataset.ready = "true";
}

const root = document.getElementById("panel");
if (root) {
  boot(root).catch((e) => {
    root.textContent = `The panel could not start: ${e instanceof Error ? e.message : e}`;
  });
}
