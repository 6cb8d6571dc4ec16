// Drives the fake ACS with the official Email client: send, then poll the operation to its end.
// Env: ACS_CONNECTION_STRING (http endpoint + key). Exits non-zero on any failure.
import { EmailClient } from "@azure/communication-email";

const check = (condition, message) => {
  if (!condition) throw new Error(message);
};

try {
  const connectionString = process.env.ACS_CONNECTION_STRING;
  check(connectionString, "ACS_CONNECTION_STRING is not set");
  // allowInsecureConnection ("Set to true if the request is sent over HTTP instead of HTTPS", CommonClientOptions of
  // @azure/core-client): the fake listens on http://127.0.0.1.
  const client = new EmailClient(connectionString, { allowInsecureConnection: true });

  const poller = await client.beginSend(
    {
      senderAddress: "DoNotReply@contoso.example",
      content: { subject: "Re: your order", plainText: "It ships today.", html: "<p>It ships today.</p>" },
      recipients: { to: [{ address: "customer@example.com", displayName: "Customer" }] },
      headers: { "In-Reply-To": "<order-1234@example.com>", References: "<order-1234@example.com>" },
    },
    { updateIntervalInMs: 100 },
  );
  const result = await poller.pollUntilDone();
  check(result.status === "Succeeded", `operation ended ${result.status}`);
  check(result.id, "the operation has no id");

  let refused;
  try {
    await client.beginSend({
      senderAddress: "DoNotReply@contoso.example",
      content: { subject: "No one to send to" },
      recipients: { to: [] },
    });
  } catch (error) {
    refused = error;
  }
  check(refused?.statusCode === 400, `an email without recipients was not refused with 400 (${refused?.statusCode})`);

  console.log(JSON.stringify({ ok: true, operationId: result.id, status: result.status }));
} catch (error) {
  console.error(`email conformance failed: ${error?.stack ?? error}`);
  process.exit(1);
}
