// The agent panel's host bridge for Salesforce Lightning, over Open CTI (reference: crm.md §1.8).
//
// Salesforce loads the call center's adapter URL ({worker}/panel) in the softphone's iframe and appends
// `?sfdcIframeOrigin={the Lightning origin}&mode=Lightning`. The Open CTI library must come from that origin (it talks to
// the Lightning page by postMessage), so it is loaded here with a script element at start: never inline, and only from
// an origin the panel's Content-Security-Policy script-src allows (Panel:HostOrigins). No dependencies.

import type { ActivityLink, CrmRecordRef, HostBridge, HostBridgeFactory, HostEvents } from "../../Connector.Core/Embedding/host-bridge";

/** The library's path: its version is the Salesforce API version it belongs to. */
export const OPEN_CTI_PATH = "/support/api/66.0/lightning/opencti_min.js";

/** How long start waits for the library before it gives up (a blocked script or a wrong origin never loads). */
const LOAD_TIMEOUT_MS = 15_000;

/** What every Open CTI callback receives. */
interface OpenCtiResult {
  success: boolean;
  returnValue?: unknown;
  errors?: unknown[] | null;
}

type OpenCtiCallback = (result: OpenCtiResult) => void;

/** onClickToDial's payload (Salesforce adds account and contact fields, not used here). */
interface ClickToDialPayload {
  number: string;
  recordId?: string | null;
  recordName?: string | null;
  objectType?: string | null;
}

/** onNavigationChange's payload: the page the user moved to; no recordId on a page that is not a record. */
interface NavigationPayload {
  url?: string | null;
  recordId?: string | null;
  recordName?: string | null;
  objectType?: string | null;
}

/** The part of `sforce.opencti` (Lightning) the panel uses. */
interface OpenCti {
  SCREENPOP_TYPE: { SOBJECT: string };
  enableClickToDial(args: { callback?: OpenCtiCallback }): void;
  onClickToDial(args: { listener: (payload: ClickToDialPayload) => void }): void;
  onNavigationChange(args: { listener: (payload: NavigationPayload) => void }): void;
  screenPop(args: { type: string; params: { recordId: string }; callback?: OpenCtiCallback }): void;
  saveLog(args: { value: Record<string, unknown>; callback?: OpenCtiCallback }): void;
  refreshView(args?: { callback?: OpenCtiCallback }): void;
  setSoftphonePanelVisibility(args: { visible: boolean; callback?: OpenCtiCallback }): void;
  notifyInitializationComplete?(): void;
}

declare global {
  interface Window {
    sforce?: { opencti?: OpenCti };
  }
}

/** An Open CTI call Salesforce refused: `errors` is what its callback said. */
export class OpenCtiError extends Error {
  constructor(
    readonly method: string,
    readonly errors: unknown[],
  ) {
    super(`Salesforce refused ${method}: ${errors.map((e) => (typeof e === "string" ? e : JSON.stringify(e))).join("; ") || "no reason given"}`);
    this.name = "OpenCtiError";
  }
}

/**
 * The Lightning origin Salesforce named in the adapter URL, or null when there is none or it is not an http(s) origin.
 * Plain http only for this machine (a fake host in tests); Lightning itself is always https.
 */
function hostOrigin(location: URL): string | null {
  const named = location.searchParams.get("sfdcIframeOrigin");
  if (!named) {
    return null;
  }
  if (!URL.canParse(named)) {
    return null; // not a URL: this is not Salesforce's frame, and detect says so
  }
  const url = new URL(named);
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  return url.protocol === "https:" || (url.protocol === "http:" && local) ? url.origin : null;
}

/** Runs one Open CTI method and settles with its callback: the returnValue, or an OpenCtiError with the errors. */
function call(method: string, invoke: (callback: OpenCtiCallback) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    try {
      invoke((result) => (result.success ? resolve(result.returnValue) : reject(new OpenCtiError(method, result.errors ?? []))));
    } catch (error) {
      reject(error); // the library threw at once (bad arguments): the same promise reports it
    }
  });
}

/** Adds the library's script element once and waits until `window.sforce.opencti` exists. */
function loadOpenCti(origin: string): Promise<OpenCti> {
  const src = origin + OPEN_CTI_PATH;
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + LOAD_TIMEOUT_MS;
    // The library defines sforce.opencti as it runs; checking until then also covers a copy loaded by someone else.
    const check = (): void => {
      const api = window.sforce?.opencti;
      if (api) {
        resolve(api);
      } else if (Date.now() > deadline) {
        reject(new Error(`Open CTI did not load from ${src} within ${LOAD_TIMEOUT_MS / 1000} s (is the origin in Panel:HostOrigins?)`));
      } else {
        window.setTimeout(check, 50);
      }
    };
    if (window.sforce?.opencti || document.querySelector(`script[src="${CSS.escape(src)}"]`)) {
      check();
      return;
    }
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.addEventListener("load", check, { once: true });
    script.addEventListener("error", () => reject(new Error(`Open CTI could not be loaded from ${src}`)), { once: true });
    document.head.append(script);
  });
}

function recordOf(recordId: string | null | undefined, objectType: string | null | undefined, url?: string | null): CrmRecordRef | null {
  return recordId ? { recordType: objectType ?? "", recordId, url: url ?? null } : null;
}

class SalesforceBridge implements HostBridge {
  readonly host = "salesforce";
  readonly clickToDial = true;
  private api: OpenCti | null = null;

  constructor(private readonly origin: string) {}

  async start(events: HostEvents): Promise<void> {
    const api = await loadOpenCti(this.origin);
    // Listeners first, so that a click made the moment click-to-dial is enabled is not lost.
    api.onClickToDial({
      listener: (payload) => events.clickToDial({ number: payload.number, record: recordOf(payload.recordId, payload.objectType) }),
    });
    api.onNavigationChange({
      listener: (payload) => events.navigated(recordOf(payload.recordId, payload.objectType, payload.url)),
    });
    await call("enableClickToDial", (callback) => api.enableClickToDial({ callback }));
    this.api = api;
    api.notifyInitializationComplete?.();
  }

  async screenPop(record: CrmRecordRef): Promise<void> {
    const api = this.started();
    await call("screenPop", (callback) => api.screenPop({ type: api.SCREENPOP_TYPE.SOBJECT, params: { recordId: record.recordId }, callback }));
  }

  async setPanelVisible(visible: boolean): Promise<void> {
    const api = this.started();
    await call("setSoftphonePanelVisibility", (callback) => api.setSoftphonePanelVisibility({ visible, callback }));
  }

  async saveActivityLink(link: ActivityLink): Promise<void> {
    const api = this.started();
    // CallObject is the Task's call identifier: it ties the logged activity to the connector's conversation. Other
    // activities (an EmailMessage) have no such field, and saveLog would be refused; the refresh still shows them.
    if (link.activity.recordType === "Task") {
      await call("saveLog", (callback) => api.saveLog({ value: { Id: link.activity.recordId, CallObject: link.conversationId }, callback }));
    }
    await call("refreshView", (callback) => api.refreshView({ callback }));
  }

  private started(): OpenCti {
    if (!this.api) {
      throw new Error("The Salesforce bridge is used before start resolved.");
    }
    return this.api;
  }
}

export const salesforceBridge: HostBridgeFactory = {
  host: "salesforce",
  detect: (location, inFrame) => inFrame && hostOrigin(location) !== null,
  create: (location) => {
    const origin = hostOrigin(location);
    if (!origin) {
      throw new Error("The panel was not opened by Salesforce Open CTI: its URL has no usable sfdcIframeOrigin.");
    }
    return new SalesforceBridge(origin);
  },
};
