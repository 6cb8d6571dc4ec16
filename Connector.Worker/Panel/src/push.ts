// Live messages from the Worker's hub (/hubs/agent, client method `push`): the agent's offers, tasks, timeline and
// presence, and for supervisors their queues' breaches. The hub keeps a journal per person: after a reconnect the panel
// resumes from the last number it applied, so nothing said while the network was gone is lost.
import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import type { PushMessage } from "./model";

export type PushHandler = (message: PushMessage) => void;

export class PushConnection {
  private readonly connection: HubConnection;
  private lastSeq = -1;
  private ackTimer: number | undefined;
  onStateChange: (state: "connecting" | "live" | "reconnecting" | "offline") => void = () => {};

  constructor(private readonly handle: PushHandler) {
    this.connection = new HubConnectionBuilder()
      .withUrl("/hubs/agent", { withCredentials: true })
      // Retry for good: a softphone panel stays open all shift; each retry resumes from the last message applied.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(30_000, 500 * 2 ** Math.min(ctx.previousRetryCount, 6)) })
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.on("push", (message: PushMessage) => this.receive(message));
    this.connection.onreconnecting(() => this.onStateChange("reconnecting"));
    this.connection.onreconnected(() => void this.resume());
    this.connection.onclose(() => this.onStateChange("offline"));
  }

  async start() {
    this.onStateChange("connecting");
    await this.connection.start();
    await this.resume();
  }

  get live() {
    return this.connection.state === HubConnectionState.Connected;
  }

  private async resume() {
    await this.connection.invoke<number>("Resume", this.lastSeq);
    this.onStateChange("live");
  }

  private receive(message: PushMessage) {
    // A resume may repeat what a live delivery already brought.
    if (message.seq <= this.lastSeq) {
      return;
    }
    this.lastSeq = message.seq;
    try {
      this.handle(message);
    } finally {
      this.scheduleAck();
    }
  }

  /** Acknowledged in batches: the journal only needs to know, not at once. */
  private scheduleAck() {
    if (this.ackTimer !== undefined) {
      return;
    }
    this.ackTimer = window.setTimeout(() => {
      this.ackTimer = undefined;
      if (this.live && this.lastSeq >= 0) {
        this.connection.invoke("Ack", this.lastSeq).catch((e) => console.warn("push: ack failed", e));
      }
    }, 2000);
  }
}
