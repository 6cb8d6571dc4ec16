// The shapes the Worker sends (REST responses and hub messages), as the panel reads them.

export type Channel = "voice" | "chat" | "whatsapp" | "email";
export const channels: Channel[] = ["voice", "chat", "whatsapp", "email"];
export const channelLabel: Record<string, string> = { voice: "Call", chat: "Chat", whatsapp: "WhatsApp", email: "Email" };

export interface Me {
  name: string | null;
  roles: string[];
  agentId: string | null;
  keyId: string | null;
}

export interface Disposition {
  code: string;
  label: string;
  channels?: string[] | null;
}

export interface PanelContext {
  me: { agentId: string | null; name: string | null; roles: string[] };
  presence: string[];
  dispositions: Disposition[];
  journeys: { name: string; queue: string; channels: string[] }[];
  agents: { id: string; name: string | null; online: boolean }[];
  whatsAppTemplates: { name: string; language: string; description?: string | null }[];
  channels: string[];
  crm: string | null;
}

export interface Task {
  id: string;
  conversationId: string;
  customerId: string;
  channel: Channel;
  state: "queued" | "offered" | "assigned" | "wrap_up" | "completed" | "abandoned";
  priority: number;
  createdAt: string;
  customerLastMessageAt: string | null;
  assignedAgentId: string | null;
  queue: string | null;
  offerExpiresAt: string | null;
  slaBreachedAt: string | null;
}

export interface Attachment {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  id: string;
  /** GET opens the file: for whoever may see the conversation. */
  url: string;
}

/** One final phrase of a running call's transcript (push `transcriptPhrase`), already redacted. */
export interface TranscriptPhrase {
  conversationId: string;
  callConnectionId: string;
  offsetMs: number;
  speaker: "caller" | "agent";
  text: string;
}

export interface TimelineEvent {
  id: string;
  type: string;
  channel: Channel;
  direction: "in" | "out" | string;
  at: string;
  text: string | null;
  externalRef: string | null;
  deliveryStatus: string | null;
  attachments: Attachment[];
  subject: string | null;
  /** The entry's sentiment and topics once its work was analysed (the insight job runs at wrap-up); null before. */
  insight?: TimelineInsight | null;
}

/** A timeline entry's insight: sentiment from -1 to 1 (a transcript: the mean of its phrases) and its topics. */
export interface TimelineInsight {
  sentiment: number;
  method: string;
  topics: string[];
}

/** The conversation's insight rolled up over every analysed interaction, across channels and agents. */
export interface InsightSummary {
  interactions: number;
  turns: number;
  sentiment: number | null;
  trend: number | null;
  direction: "improving" | "worsening" | "steady" | null;
  participants: Record<string, number>;
  topics: Record<string, number>;
  channels: string[];
}

export interface Conversation {
  id: string;
  customerId: string;
  state: string;
  startedAt: string;
  timeline: TimelineEvent[];
  /** Phones and emails the customer claimed (typed in a web chat, an unverified From): not used to link anyone until verified. */
  claims?: Claim[];
  /** Null until an interaction of the conversation was analysed. */
  insightSummary?: InsightSummary | null;
}

export interface Claim {
  id: string;
  kind: string;
  value: string;
  source: string;
  state: "claimed" | "verified";
  verifiedBy: string | null;
}

export interface Customer {
  id: string;
  identities: { kind: string; value: string }[];
  crmRefs: { crm: string; recordId: string }[];
  conversationIds: string[];
}

export interface CrmRecord {
  recordType: string;
  recordId: string;
  url?: string | null;
}

export interface CrmCandidate extends CrmRecord {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface CustomerCrm {
  crm: string | null;
  contact: CrmRecord | null;
  candidates: CrmCandidate[];
  cases: CrmRecord[];
}

export interface OfferReason {
  decisionId: string;
  rule: string;
  taskScore: number;
  agentScore: number | null;
  agentReason: string | null;
  candidatesConsidered: number;
}

export interface RoutingDecision {
  id: string;
  rule: string;
  taskScore: number;
  agentId: string | null;
  candidatesConsidered: number;
  candidates: { agentId: string; score: number; eligible: boolean; reason: string }[];
}

export interface OfferMade {
  taskId: string;
  conversationId: string;
  channel: Channel;
  queue: string | null;
  customerId: string;
  waitingSince: string;
  expiresAt: string;
  why: OfferReason | null;
}

/** One message of the hub's `push` method. */
export interface PushMessage {
  seq: number;
  type: string;
  at: string;
  data: any;
}

/** GET /api/conversations/{id}/assist: suggestions for the customer's latest messages. */
export interface AssistSuggestions {
  conversationId: string;
  basedOn: string[];
  articles: { id: string; kind: "article"; title: string; body: string; language: string; tags: string[]; score: number; why: string }[];
  replies: { id: string; kind: "reply"; text: string; score: number; why: string }[];
  draft: { id: string; kind: "draft"; text: string; sources: string[]; method: string } | null;
  draftUnavailable: string | null;
}
