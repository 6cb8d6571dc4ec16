// The browser softphone: the agent's own ACS identity (the same user that reads their chat threads) takes the calls the
// router assigns, through the ACS Calling SDK. The SDK is large (7 MB unminified), so it is a chunk of its own, loaded
// only when the agent turns the softphone on. Its line is registered with the Worker only once the SDK is ready, so a
// call is never sent to a browser that cannot ring; a phone-number line stays possible instead (setPhoneLine).
import { getJson, send } from "./api";
import type { Call, CallAgent, IncomingCall } from "@azure/communication-calling";

interface AgentToken {
  userId: string;
  token: string;
  expiresOn: string;
}

export type SoftphoneState = "off" | "starting" | "ready" | "ringing" | "in-call" | "failed";

export class Softphone {
  private agent: CallAgent | null = null;
  private incoming: IncomingCall | null = null;
  private call: Call | null = null;
  state: SoftphoneState = "off";
  caller: string | null = null;
  muted = false;
  error: string | null = null;
  onChange: () => void = () => {};

  constructor(private readonly agentId: string) {}

  private tokenUrl() {
    return `/api/agents/${encodeURIComponent(this.agentId)}/chat-token`;
  }

  private set(state: SoftphoneState) {
    this.state = state;
    this.onChange();
  }

  async start(displayName: string) {
    this.set("starting");
    try {
      const first = await getJson<AgentToken>(this.tokenUrl());
      const [{ CallClient }, { AzureCommunicationTokenCredential }] = await Promise.all([
        import("@azure/communication-calling"),
        import("@azure/communication-common"),
      ]);
      const credential = new AzureCommunicationTokenCredential({
        token: first.token,
        refreshProactively: true,
        tokenRefresher: async () => (await getJson<AgentToken>(this.tokenUrl())).token,
      });
      const client = new CallClient();
      const devices = await client.getDeviceManager();
      await devices.askDevicePermission({ audio: true, video: false });
      this.agent = await client.createCallAgent(credential, { displayName });
      this.agent.on("incomingCall", ({ incomingCall }) => {
        this.incoming = incomingCall;
        this.caller = incomingCall.callerInfo.displayName ?? null;
        incomingCall.on("callEnded", () => {
          if (this.incoming === incomingCall) {
            this.incoming = null;
            this.set("ready");
          }
        });
        this.set("ringing");
      });
      await send("PUT", `/api/voice/agents/${encodeURIComponent(this.agentId)}/line`, { acsUserId: first.userId });
      this.set("ready");
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.set("failed");
    }
  }

  async answer() {
    if (!this.incoming) return;
    this.call = await this.incoming.accept({ audioOptions: { muted: false } });
    this.incoming = null;
    this.call.on("stateChanged", () => {
      if (this.call?.state === "Disconnected") {
        this.call = null;
        this.set("ready");
      }
    });
    this.set("in-call");
  }

  async reject() {
    await this.incoming?.reject();
    this.incoming = null;
    this.set("ready");
  }

  async toggleMute() {
    if (!this.call) return;
    if (this.muted) await this.call.unmute();
    else await this.call.mute();
    this.muted = !this.muted;
    this.onChange();
  }

  async hangUp() {
    await this.call?.hangUp();
  }

  async stop() {
    await this.agent?.dispose();
    this.agent = null;
    this.set("off");
  }

  /** Calls ring the agent's own phone instead of the browser. */
  async setPhoneLine(phoneNumber: string) {
    await send("PUT", `/api/voice/agents/${encodeURIComponent(this.agentId)}/line`, { phoneNumber });
  }
}
