// An agent panel's connection to /hubs/agent through the official @microsoft/signalr client, for the Worker tests.
//
//   HUB_URLS   one or more hub URLs, comma-separated (http://127.0.0.1:5080/hubs/agent); when the connection drops,
//              the next one is tried, in turn, as a panel behind a load balancer would be sent to another Worker
//   API_KEY    the X-Api-Key the connection signs in with (an agent key acts as its agent)
//   AFTER_SEQ  the last number the client has (default -1: none, live from now)
//   ACK        "1": acknowledge each message (Ack(seq))
//
// Prints one JSON line per event on stdout: {"event":"resumed",…}, {"event":"push","seq",…,"receivedAt"} (epoch ms
// with a fraction), {"event":"gap",…}, {"event":"closed",…}. Runs until killed.
import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import { performance } from "node:perf_hooks";

const urls = (process.env.HUB_URLS ?? "").split(",").filter(u => u.length > 0);
const apiKey = process.env.API_KEY ?? "";
const ack = process.env.ACK === "1";
let lastSeq = Number(process.env.AFTER_SEQ ?? "-1");
let next = 0;

const print = line => process.stdout.write(JSON.stringify(line) + "\n");
const now = () => performance.timeOrigin + performance.now();

if (urls.length === 0) {
  console.error("HUB_URLS is required");
  process.exit(2);
}

async function connect() {
  for (;;) {
    const url = urls[next % urls.length];
    next++;
    const connection = new HubConnectionBuilder()
      .withUrl(url, { headers: { "X-Api-Key": apiKey } })
      .configureLogging(LogLevel.Warning)
      .build();
    connection.on("push", message => {
      const receivedAt = now();
      if (message.seq <= lastSeq) {
        // Never expected: the server sends each number once. Printed so that the test sees it.
        print({ event: "duplicate", seq: message.seq, lastSeq });
      }
      lastSeq = Math.max(lastSeq, message.seq);
      print({ event: "push", ...message, receivedAt, url });
      if (ack) {
        connection.invoke("Ack", message.seq).catch(e => print({ event: "error", during: "Ack", message: String(e) }));
      }
    });
    connection.on("gap", gap => print({ event: "gap", ...gap }));
    const closed = new Promise(resolve => connection.onclose(error => resolve(error)));
    try {
      await connection.start();
      const resumedAt = await connection.invoke("Resume", lastSeq);
      print({ event: "resumed", afterSeq: lastSeq, last: resumedAt, url });
    } catch (e) {
      print({ event: "error", during: "connect", url, message: String(e) });
      await connection.stop().catch(() => {});
      await new Promise(r => setTimeout(r, 250));
      continue;
    }
    const error = await closed;
    print({ event: "closed", url, message: error ? String(error) : null });
  }
}

connect();
