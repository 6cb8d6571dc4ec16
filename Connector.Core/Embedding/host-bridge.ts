// The host-bridge contract: how the agent panel talks to the CRM screen it is embedded in.
//
// The panel (Connector.Worker/Panel) is one web app; each CRM project ships one small module in its Embedding/ folder that
// implements HostBridgeFactory for its host's embedding API (Salesforce Open CTI, Dynamics CIF, HubSpot Calling
// Extensions, Zendesk ZAF). The panel asks every factory, in order, whether it was loaded by that host, and falls back to the
// standalone bridge (an agent desktop in its own tab). Lives in Core beside the ICrm* ports because, like them, it is the
// shape every adapter fills, and no adapter depends on the panel.

/** A CRM record: the one to pop on an offer, or the one the user is looking at in the host. */
export interface CrmRecordRef {
  /** The CRM's object name (Salesforce Contact, Case, Task…). */
  recordType: string;
  recordId: string;
  /** A link to the record for a standalone panel; hosts navigate by id. */
  url?: string | null;
}

/** The activity the connector logged in the CRM for a finished task, handed to the host so its screen shows and links it. */
export interface ActivityLink {
  conversationId: string;
  taskId: string;
  channel: string;
  activity: CrmRecordRef;
}

/** What the host tells the panel. */
export interface HostEvents {
  /** The user clicked a phone number in the CRM (click-to-dial); record is where they clicked it, when the host says. */
  clickToDial(request: { number: string; record?: CrmRecordRef | null }): void;
  /** The user moved to another page of the CRM: the record shown, or null for a page that is not a record. */
  navigated(record: CrmRecordRef | null): void;
}

/** One host's side of the panel. Every method resolves when the host has done it and rejects with the host's error. */
export interface HostBridge {
  /** 'standalone', 'salesforce', …: shown in the panel and sent with its telemetry. */
  readonly host: string;
  /** Whether the host can place calls from its own screen (the panel then shows that click-to-dial is on). */
  readonly clickToDial: boolean;
  /** Connects to the host; events flow once it resolves. */
  start(events: HostEvents): Promise<void>;
  /** Opens the record in the host (screen-pop on accept). */
  screenPop(record: CrmRecordRef): Promise<void>;
  /** Shows the panel (an offer arrives while its slot is collapsed) or lets it fold away. */
  setPanelVisible(visible: boolean): Promise<void>;
  /** Links the host's screen to the activity the connector logged. */
  saveActivityLink(link: ActivityLink): Promise<void>;
}

/** How the panel finds its host at run time, from where it was loaded. */
export interface HostBridgeFactory {
  readonly host: string;
  /** True when this host loaded the panel (Open CTI, for one, adds sfdcIframeOrigin and mode to the adapter URL). */
  detect(location: URL, inFrame: boolean): boolean;
  /** Makes the bridge; loading the host's library happens in start. */
  create(location: URL): HostBridge;
}
