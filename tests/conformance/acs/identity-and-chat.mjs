// Drives the fake ACS with the official Identity and Chat clients: a fake they cannot talk to is not faithful.
// Env: ACS_CONNECTION_STRING (http endpoint + key), ACS_CHAT_ENDPOINT (https: the chat client sends Bearer tokens
// over TLS only), ACS_WRONG_KEY_CONNECTION_STRING (optional). Exits non-zero on any failure.
import { CommunicationIdentityClient } from "@azure/communication-identity";
import { ChatClient } from "@azure/communication-chat";
import { AzureCommunicationTokenCredential } from "@azure/communication-common";

const required = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const check = (condition, message) => {
  if (!condition) throw new Error(message);
};

try {
  const connectionString = required("ACS_CONNECTION_STRING");
  const chatEndpoint = required("ACS_CHAT_ENDPOINT");
  // allowInsecureConnection ("Set to true if the request is sent over HTTP instead of HTTPS", CommonClientOptions of
  // @azure/core-client): the fake listens on http://127.0.0.1.
  const identity = new CommunicationIdentityClient(connectionString, { allowInsecureConnection: true });

  const agent = await identity.createUserAndToken(["chat"]);
  check(agent.user.communicationUserId.startsWith("8:acs:"), `unexpected user id ${agent.user.communicationUserId}`);
  check(agent.expiresOn instanceof Date && agent.expiresOn > new Date(), "token expiry is not in the future");
  const customer = await identity.createUserAndToken(["chat"]);
  const refreshed = await identity.getToken(agent.user, ["chat"]);
  check(refreshed.token && refreshed.token !== agent.token, "issueAccessToken returned no fresh token");

  const agentChat = new ChatClient(chatEndpoint, new AzureCommunicationTokenCredential(refreshed.token));
  const created = await agentChat.createChatThread(
    { topic: "Order 1234" },
    { participants: [{ id: customer.user, displayName: "Customer" }] },
  );
  const threadId = created.chatThread?.id;
  check(threadId?.startsWith("19:"), `unexpected thread id ${threadId}`);
  check(!created.invalidParticipants?.length, `invalid participants: ${JSON.stringify(created.invalidParticipants)}`);

  const agentThread = agentChat.getChatThreadClient(threadId);
  await agentThread.sendMessage({ content: "Hello from the agent" }, { senderDisplayName: "Agent" });
  const customerChat = new ChatClient(chatEndpoint, new AzureCommunicationTokenCredential(customer.token));
  await customerChat.getChatThreadClient(threadId).sendMessage({ content: "Hi!" }, { senderDisplayName: "Customer" });

  const texts = [];
  for await (const message of agentThread.listMessages()) {
    if (message.type === "text") texts.push(message.content?.message);
  }
  check(texts.includes("Hello from the agent") && texts.includes("Hi!"), `messages listed: ${JSON.stringify(texts)}`);
  const participants = [];
  for await (const participant of agentThread.listParticipants()) participants.push(participant);
  check(participants.length === 2, `expected 2 participants, got ${participants.length}`);

  const wrongKey = process.env.ACS_WRONG_KEY_CONNECTION_STRING;
  if (wrongKey) {
    let refused;
    try {
      await new CommunicationIdentityClient(wrongKey, { allowInsecureConnection: true }).createUser();
    } catch (error) {
      refused = error;
    }
    check(refused?.statusCode === 401, `a wrong key was not refused with 401 (${refused?.statusCode})`);
    check(refused?.code === "Denied", `a wrong key was refused with code ${refused?.code}, not Denied`);
  }

  console.log(JSON.stringify({ ok: true, threadId, messages: texts.length, participants: participants.length }));
} catch (error) {
  console.error(`identity-and-chat conformance failed: ${error?.stack ?? error}`);
  process.exit(1);
}
