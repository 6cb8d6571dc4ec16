// Latency of real-time push, for the push benchmark: one @microsoft/signalr connection per agent key, each resumed
// live from now; prints one JSON line per offerMade received: {"seq","at","receivedAt"} (receivedAt in epoch ms with
// a fraction), and {"event":"ready","connections":n} once every connection is resumed.
//
//   HUB_URLS  hub URLs, comma-separated: connection i goes to URL i mod n
//   KEYS      agent keys, comma-separated
import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import { performance } from "node:perf_hooks";

const urls = (process.env.HUB_URLS ?? "").split(",").filter(u => u.length > 0);
const keys = (process.env.KEYS ?? "").split(",").filter(k => k.length > 0);
const print = line => process.stdout.write(JSON.stringify(line) + "\n");

const connections = await Promise.all(keys.map(async (key, i) => {
  const connection = new HubConnectionBuilder()
    .withUrl(urls[i % urls.length], { headers: { "X-Api-Key": key } })
    .configureLogging(LogLevel.Warning)
    .build();
  connection.on("push", message => {
    const receivedAt = performance.timeOrigin + performance.now();
    if (message.type === "offerMade") {
      print({ event: "offer", seq: message.seq, at: message.at, receivedAt });
    }
  });
  await connection.start();
  await connection.invoke("Resume", -1);
  return connection;
}));
print({ event: "ready", connections: connections.length });
