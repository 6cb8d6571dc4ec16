import { channelLabel } from "../model";

/** A channel's name in its colour; the text says it, so colour is never the only sign. */
export function Badge({ channel }: { channel: string }) {
  return <span class={`badge badge-${channel}`}>{channelLabel[channel] ?? channel}</span>;
}
