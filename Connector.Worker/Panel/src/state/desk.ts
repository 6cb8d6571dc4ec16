// The agent's desk: offers, the tasks they hold (tabs), each conversation's one timeline, presence and CRM records,
// kept current by the hub's messages. Views read it through useStore and act through the methods below, which call the
// REST API; what changes as a result comes back as a push message, so two tabs or a reconnect stay consistent.
import { getAllPages, getJson, send, sendReply } from "../api";
import type { HostBridge } from "../../../../Connector.Core/Embedding/host-bridge";
import type {
  AssistSuggestions, Attachment, Channel, Conversation, Customer, CustomerCrm, Me, OfferMade, OfferReason, PanelContext, PushMessage, RoutingDecision, Task, TimelineEvent,
  TranscriptPhrase,
} from "../model";
import { Store } from "./store";

export interface Offer extends OfferMade {
  customer: string | null;
  preview: string | null;
}

export interface HeldTask {
  taskId: string;
  conversationId: string;
  customerId: string;
  channel: Channel;
  state: string;
  since: string;
  /** The live call of a voice task, from the call's timeline events. */
  callConnectionId: string | null;
  callPhase: string | null;
}

export interface Breach {
  taskId: string;
  channel: string;
  queue: string | null;
  kind: string;
  at: string;
}

export interface DeskState {
  me: Me;
  context: PanelContext | null;
  presence: string[];
  offers: Offer[];
  tasks: HeldTask[];
  active: string | null;
  conversations: Record<string, Conversation>;
  customers: Record<string, Customer>;
  crm: Record<string, CustomerCrm>;
  breaches: Breach[];
  /** The live transcript of each running call, by call connection id: kept while the call runs (the timeline has the whole one after). */
  transcripts: Record<string, TranscriptPhrase[]>;
  connection: "connecting" | "live" | "reconnecting" | "offline";
  /** Agent assist's suggestions per conversation, fetched when the customer writes (assistAvailable). */
  assist: Record<string, AssistSuggestions>;
  /** A suggestion the agent chose to insert, per conversation, for its reply box to take (seq tells two inserts of one text apart). */
  inserted: Record<string, { text: string; seq: number }>;
  /** The last thing that went wrong, said in words (announced by a live region). */
  notice: { kind: "error" | "info"; text: string } | null;
}

const heldStates = new Set(["assigned", "wrap_up"]);

export class Desk {
  readonly store: Store<DeskState>;
  /** Other views (the supervisor's) listen to the same messages. */
  private readonly listeners = new Set<(m: PushMessage) => void>();

  constructor(me: Me, readonly host: HostBridge) {
    this.store = new Store<DeskState>({
      me, context: null, presence: [], offers: [], tasks: [], active: null, conversations: {}, customers: {}, crm: {}, breaches: [], transcripts: {},
      assist: {}, inserted: {}, connection: "connecting", notice: null,
    });
  }

  get agentId() {
    return this.store.current.me.agentId;
  }

  onPush(listener: (m: PushMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(change: Partial<DeskState> | ((s: DeskState) => Partial<DeskState>)) {
    this.store.update((s) => ({ ...s, ...(typeof change === "function" ? change(s) : change) }));
  }

  say(kind: "error" | "info", text: string) {
    this.set({ notice: { kind, text } });
  }

  /** Runs an action; a refusal is shown to the agent in words instead of being lost in the console. */
  async attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (e) {
      this.say("error", e instanceof Error ? e.message : String(e));
      return undefined;
    }
  }

  setConnection(connection: DeskState["connection"]) {
    this.set({ connection });
  }

  /** What the agent holds and is offered now, read once at start (and after the hub resumes, the messages keep it current). */
  async load() {
    const context = await getJson<PanelContext>("/api/panel/context");
    this.set({ context });
    if (!this.agentId) {
      return;
    }
    this.set({ presence: context.presence });
    await this.syncTasks();
  }

  /** The agent's offers and held tasks as the store has them (at start, and after placing a call, which opens a task). */
  async syncTasks() {
    if (!this.agentId) return;
    // Only this agent's open work, however many tasks their queues hold (a supervisor's list would be long).
    const tasks = await getAllPages<Task>(`/api/tasks?agentId=${encodeURIComponent(this.agentId)}&state=offered,assigned,wrap_up`);
    for (const t of tasks.filter((t) => t.assignedAgentId === this.agentId)) {
      if (t.state === "offered" && t.offerExpiresAt) {
        this.addOffer({
          taskId: t.id, conversationId: t.conversationId, channel: t.channel, queue: t.queue, customerId: t.customerId,
          waitingSince: t.createdAt, expiresAt: t.offerExpiresAt, why: null,
        });
      } else if (heldStates.has(t.state)) {
        this.hold(t.id, t.conversationId, t.customerId, t.channel, t.state);
      }
    }
  }

  // ---- presence ----

  async setPresence(channels: string[]) {
    if (!this.agentId) return;
    await this.attempt(async () => {
      await send("PUT", `/api/agents/${encodeURIComponent(this.agentId!)}/presence`, { channels });
      this.set({ presence: channels });
    });
  }

  // ---- offers ----

  private addOffer(offer: OfferMade) {
    this.set((s) => ({ offers: [...s.offers.filter((o) => o.taskId !== offer.taskId), { ...offer, customer: null, preview: null }] }));
    void this.host.setPanelVisible(true).catch((e) => console.warn("host: could not show the panel", e));
    // Who and what, for the offer card: the agent may read the conversation they are offered.
    void this.describeOffer(offer);
  }

  private async describeOffer(offer: OfferMade) {
    const [customer, conversation, why] = await Promise.all([
      this.customer(offer.customerId).catch(() => null),
      getJson<Conversation>(`/api/conversations/${offer.conversationId}`).catch(() => null),
      // An offer read at start (not pushed) has no reason with it: the task's decisions say it.
      offer.why ? Promise.resolve(offer.why) : this.reasonOf(offer.taskId).catch(() => null),
    ]);
    const last = conversation?.timeline.filter((e) => e.direction === "in" && e.text).at(-1);
    this.set((s) => ({
      offers: s.offers.map((o) => o.taskId === offer.taskId
        ? { ...o, why, customer: customer ? customerLabel(customer, offer.channel) : null, preview: last?.subject ?? last?.text ?? null }
        : o),
    }));
  }

  /** The latest decision that offered the task to this agent, told as the hub's offerMade tells it. */
  private async reasonOf(taskId: string): Promise<OfferReason | null> {
    const decisions = await getAllPages<RoutingDecision>(`/api/routing/decisions/${taskId}`);
    const decision = decisions.filter((d) => d.agentId === this.agentId).at(-1);
    if (!decision) return null;
    const mine = decision.candidates.find((c) => c.agentId === this.agentId);
    return {
      decisionId: decision.id, rule: decision.rule, taskScore: decision.taskScore, agentScore: mine?.score ?? null,
      agentReason: mine?.reason ?? null, candidatesConsidered: decision.candidatesConsidered,
    };
  }

  async accept(taskId: string) {
    await this.attempt(() => send("POST", `/api/offers/${taskId}/accept`, {}));
  }

  async decline(taskId: string) {
    await this.attempt(async () => {
      await send("POST", `/api/offers/${taskId}/decline`, {});
      this.set((s) => ({ offers: s.offers.filter((o) => o.taskId !== taskId) }));
    });
  }

  // ---- tasks ----

  private hold(taskId: string, conversationId: string, customerId: string, channel: Channel, state: string) {
    this.set((s) => ({
      offers: s.offers.filter((o) => o.taskId !== taskId),
      tasks: s.tasks.some((t) => t.taskId === taskId)
        ? s.tasks.map((t) => (t.taskId === taskId ? { ...t, state } : t))
        : [...s.tasks, { taskId, conversationId, customerId, channel, state, since: new Date().toISOString(), callConnectionId: null, callPhase: null }],
      active: s.active ?? taskId,
    }));
    void this.refreshConversation(conversationId);
    void this.refreshCrm(customerId, true);
  }

  select(taskId: string | null) {
    this.set({ active: taskId });
  }

  async refreshConversation(conversationId: string) {
    const conversation = await this.attempt(() => getJson<Conversation>(`/api/conversations/${conversationId}`));
    if (!conversation) return;
    this.set((s) => ({
      conversations: { ...s.conversations, [conversationId]: conversation },
      tasks: s.tasks.map((t) => (t.conversationId === conversationId && t.channel === "voice" ? { ...t, ...lastCall(conversation.timeline) } : t)),
    }));
  }

  async customer(customerId: string): Promise<Customer> {
    const known = this.store.current.customers[customerId];
    if (known) return known;
    const customer = await getJson<Customer>(`/api/customers/${customerId}`);
    this.set((s) => ({ customers: { ...s.customers, [customerId]: customer } }));
    return customer;
  }

  /** The customer's CRM record: popped in the host on accept; with several matches the agent picks (PUT) and the sync uses it. */
  async refreshCrm(customerId: string, pop: boolean) {
    const crm = await getJson<CustomerCrm>(`/api/customers/${customerId}/crm`).catch(() => null);
    if (!crm) return;
    this.applyCrm(customerId, crm, pop);
  }

  private applyCrm(customerId: string, crm: CustomerCrm, pop: boolean) {
    const before = this.store.current.crm[customerId];
    this.set((s) => ({ crm: { ...s.crm, [customerId]: crm } }));
    if (pop && crm.contact && before?.contact?.recordId !== crm.contact.recordId) {
      void this.host.screenPop(crm.contact).catch((e) => this.say("error", `The CRM could not open the record: ${e instanceof Error ? e.message : e}`));
    }
  }

  async chooseContact(customerId: string, recordId: string) {
    await this.attempt(async () => {
      const crm = await send<CustomerCrm>("PUT", `/api/customers/${customerId}/crm/contact`, { recordId });
      this.applyCrm(customerId, crm ?? (await getJson<CustomerCrm>(`/api/customers/${customerId}/crm`)), true);
    });
  }

  /** The agent vouches for a claimed phone or email (checked on the call, in the CRM): the Worker links it to the customer. */
  async confirmClaim(conversationId: string, claimId: string) {
    const confirmed = await this.attempt(() => send("POST", `/api/conversations/${conversationId}/claims/${claimId}/confirm`));
    if (confirmed !== undefined) {
      await this.refreshConversation(conversationId);
    }
  }

  async reply(conversationId: string, body: { channel: string; text?: string; subject?: string; templateName?: string; templateParameters?: string[] }) {
    return this.attempt(() => sendReply(conversationId, body));
  }

  async wrapUp(task: HeldTask, disposition: string, notes: string) {
    const done = await this.attempt(() => send("POST", `/api/conversations/${task.conversationId}/wrap-up`, { disposition, notes }));
    if (done !== undefined) {
      this.drop(task.taskId);
      this.say("info", "Wrapped up: the CRM gets the interaction.");
    }
  }

  private drop(taskId: string) {
    this.set((s) => {
      const tasks = s.tasks.filter((t) => t.taskId !== taskId);
      const call = s.tasks.find((t) => t.taskId === taskId)?.callConnectionId;
      return { tasks, active: s.active === taskId ? (tasks[0]?.taskId ?? null) : s.active, transcripts: call ? without(s.transcripts, call) : s.transcripts };
    });
  }

  async call(callConnectionId: string, action: string, body: object = {}) {
    return this.attempt(() => send("POST", `/api/calls/${encodeURIComponent(callConnectionId)}/${action}`, body));
  }

  async dial(to: string) {
    const placed = await this.attempt(() => send<{ callConnectionId: string }>("POST", "/api/calls", { to }));
    if (placed) {
      // The call's task opens assigned to this agent from the start (no offer): read it so its tab opens at once.
      await this.attempt(() => this.syncTasks());
    }
    return placed;
  }

  /** The suggestions for a held conversation; a refusal (the work moved on) just leaves none. */
  async loadAssist(conversationId: string) {
    try {
      const assist = await getJson<AssistSuggestions>(`/api/conversations/${conversationId}/assist`);
      this.set((s) => ({ assist: { ...s.assist, [conversationId]: assist } }));
    } catch (e) {
      console.warn("assist: no suggestions", e);
    }
  }

  /** Puts a suggestion in the reply box and records that the agent inserted it (a reply sent from it then counts as used). */
  async insertSuggestion(conversationId: string, suggestion: { id: string; kind: "article" | "reply" | "draft" }, text: string) {
    this.set((s) => ({ inserted: { ...s.inserted, [conversationId]: { text, seq: (s.inserted[conversationId]?.seq ?? 0) + 1 } } }));
    await this.attempt(() => send("POST", `/api/conversations/${conversationId}/assist/uses`,
      { suggestionId: suggestion.id, kind: suggestion.kind, action: "inserted", text: suggestion.kind === "draft" ? text : undefined }));
  }

  // ---- the hub ----

  receive(message: PushMessage) {
    const d = message.data;
    switch (message.type) {
      case "offerMade":
        this.addOffer(d as OfferMade);
        break;
      case "offerWithdrawn":
        this.set((s) => ({ offers: s.offers.filter((o) => o.taskId !== d.taskId) }));
        break;
      case "assigned":
        void this.assigned(d.taskId, d.conversationId, d.channel);
        break;
      case "taskEnded":
        this.drop(d.taskId);
        break;
      case "timelineAdded":
        this.addTimeline(d);
        break;
      case "deliveryStatusChanged":
        this.updateTimeline(d.conversationId, d.eventId, { deliveryStatus: d.status });
        break;
      case "callPhaseChanged":
        this.set((s) => ({
          tasks: s.tasks.map((t) => (t.conversationId === d.conversationId && t.channel === "voice"
            ? { ...t, callConnectionId: d.callConnectionId ?? t.callConnectionId, callPhase: d.phase }
            : t)),
          // The call is over: its transcript_available entry now holds the whole transcript.
          transcripts: d.phase === "call_ended" && d.callConnectionId ? without(s.transcripts, d.callConnectionId) : s.transcripts,
        }));
        break;
      case "transcriptPhrase":
        this.addPhrase(d as TranscriptPhrase);
        break;
      case "attachmentAdded":
        this.addAttachment(d.conversationId, d.eventId, d.attachment as Attachment);
        break;
      case "presenceChanged":
        if (d.agentId === this.agentId) this.set({ presence: d.channels });
        break;
      case "slaBreached":
        this.set((s) => ({ breaches: [{ ...d, at: message.at }, ...s.breaches].slice(0, 50) }));
        break;
      case "crmContact":
        this.applyCrm(d.customerId, { crm: d.crm, contact: d.contact, candidates: d.candidates ?? [], cases: this.store.current.crm[d.customerId]?.cases ?? [] }, true);
        break;
      case "assistAvailable":
        void this.loadAssist(d.conversationId);
        break;
      case "insightAvailable":
        // A finished task of the conversation was analysed after the panel read it: its entries' sentiment and topics and
        // the roll-up come with the conversation, read again.
        if (this.store.current.conversations[d.conversationId]) void this.refreshConversation(d.conversationId);
        break;
      case "crmActivity":
        void this.host.saveActivityLink({ conversationId: d.conversationId, taskId: d.taskId, channel: d.channel ?? "", activity: { recordType: d.recordType, recordId: d.recordId, url: d.url } })
          .catch((e) => console.warn("host: could not link the activity", e));
        break;
    }
    this.listeners.forEach((l) => l(message));
  }

  private async assigned(taskId: string, conversationId: string, channel: Channel) {
    // The customer comes from the task; the offer (if this panel saw it) has it already.
    const offer = this.store.current.offers.find((o) => o.taskId === taskId);
    let customerId = offer?.customerId;
    if (!customerId) {
      const conversation = await getJson<Conversation>(`/api/conversations/${conversationId}`).catch(() => null);
      customerId = conversation?.customerId;
    }
    if (customerId) {
      this.hold(taskId, conversationId, customerId, channel, "assigned");
      this.set({ active: taskId });
      // The customer wrote before the agent took the work: suggestions for that message now.
      if (channel !== "voice") void this.loadAssist(conversationId);
    }
  }

  private addTimeline(d: { conversationId: string; eventId: string; type: string; channel: Channel; direction: string; at: string; text: string | null; deliveryStatus: string | null }) {
    const conversation = this.store.current.conversations[d.conversationId];
    if (!conversation) return;
    if (conversation.timeline.some((e) => e.id === d.eventId)) return;
    if (d.type !== "message") {
      // Calls, recordings and transcripts carry more than the message says (attachments, references): read it whole.
      void this.refreshConversation(d.conversationId);
      return;
    }
    const event: TimelineEvent = {
      id: d.eventId, type: d.type, channel: d.channel, direction: d.direction, at: d.at, text: d.text, externalRef: null,
      deliveryStatus: d.deliveryStatus, attachments: [], subject: null,
    };
    this.set((s) => ({ conversations: { ...s.conversations, [d.conversationId]: { ...conversation, timeline: [...conversation.timeline, event] } } }));
    if (d.channel === "email" || d.channel === "whatsapp") {
      // Subjects and media attachments are on the stored event.
      void this.refreshConversation(d.conversationId);
    }
  }

  private addPhrase(phrase: TranscriptPhrase) {
    this.set((s) => {
      const phrases = s.transcripts[phrase.callConnectionId] ?? [];
      if (phrases.some((p) => p.offsetMs === phrase.offsetMs && p.speaker === phrase.speaker && p.text === phrase.text)) return {};
      // A phrase sent again with new text was re-redacted (the next phrase completed a card number): it replaces the first.
      // In the order they were said: phrases of two speakers may be finalised out of order.
      const next = [...phrases.filter((p) => p.offsetMs !== phrase.offsetMs || p.speaker !== phrase.speaker), phrase].sort((a, b) => a.offsetMs - b.offsetMs);
      return { transcripts: { ...s.transcripts, [phrase.callConnectionId]: next } };
    });
  }

  /** WhatsApp media arrives after its message (a job fetches it): added to the entry as it comes. */
  private addAttachment(conversationId: string, eventId: string, attachment: Attachment) {
    const event = this.store.current.conversations[conversationId]?.timeline.find((e) => e.id === eventId);
    if (!event) {
      void this.refreshConversation(conversationId);
      return;
    }
    if (event.attachments.some((a) => a.id === attachment.id)) return;
    this.updateTimeline(conversationId, eventId, { attachments: [...event.attachments, attachment] });
  }

  private updateTimeline(conversationId: string, eventId: string, change: Partial<TimelineEvent>) {
    const conversation = this.store.current.conversations[conversationId];
    if (!conversation) return;
    this.set((s) => ({
      conversations: { ...s.conversations, [conversationId]: { ...conversation, timeline: conversation.timeline.map((e) => (e.id === eventId ? { ...e, ...change } : e)) } },
    }));
  }
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
}

function lastCall(timeline: TimelineEvent[]): Pick<HeldTask, "callConnectionId" | "callPhase"> {
  const call = timeline.filter((e) => e.type.startsWith("call_") && e.externalRef).at(-1);
  return { callConnectionId: call?.externalRef ?? null, callPhase: call?.type ?? null };
}

export function customerLabel(customer: Customer, channel: string): string {
  const preferred = customer.identities.find((i) => i.kind === channel || (channel === "voice" && i.kind === "phone"));
  return (preferred ?? customer.identities[0])?.value ?? "Unknown customer";
}
