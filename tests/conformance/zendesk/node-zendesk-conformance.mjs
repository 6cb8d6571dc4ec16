// Drives the fake Zendesk with node-zendesk (the vendor-listed JavaScript client): API-token and OAuth auth, user
// search with phone:*digits, create_or_update (created, then matched by external_id), an upload, ticket create with
// the upload on a private comment, ticket update, create_many with its job status watched, and Zendesk's error
// body on a closed ticket. Env: ZD_URL, ZD_EMAIL, ZD_TOKEN, ZD_OAUTH_TOKEN, ZD_FILE. Exits non-zero on any failure.
import zendesk from "node-zendesk";

const check = (condition, message) => {
  if (!condition) throw new Error(message);
};

const endpointUri = `${process.env.ZD_URL.replace(/\/$/, "")}/api/v2`;

try {
  const client = zendesk.createClient({ username: process.env.ZD_EMAIL, token: process.env.ZD_TOKEN, endpointUri, throwOriginalException: true });

  const found = await client.users.search({ query: "role:end-user phone:*5135557611" });
  check(Array.isArray(found) && found.length === 1 && found[0].phone === "(513) 555-7611", `search: ${JSON.stringify(found)}`);

  const created = await client.users.createOrUpdate({ user: { name: "Node Client", email: "node@example.com", external_id: "node-1", role: "end-user" } });
  check(created.result.id > 0 && created.response.status === 201, `create_or_update (new): ${created.response.status} ${JSON.stringify(created.result)}`);
  const updated = await client.users.createOrUpdate({ user: { name: "Node Client Renamed", external_id: "node-1" } });
  check(updated.result.id === created.result.id && updated.response.status === 200, `create_or_update (existing): ${updated.response.status} ${JSON.stringify(updated.result)}`);

  const upload = await client.attachments.upload(process.env.ZD_FILE, { filename: "transcript.txt" });
  check(typeof upload.upload?.token === "string" && upload.upload.attachments.length === 1, `upload: ${JSON.stringify(upload)}`);

  const ticket = await client.tickets.create({
    ticket: {
      subject: "From node-zendesk",
      requester_id: created.result.id,
      external_id: "node-conversation",
      tags: ["conformance"],
      comment: { body: "Transcript attached", public: false, uploads: [upload.upload.token] },
    },
  });
  check(ticket.result.id > 0 && ticket.result.external_id === "node-conversation", `ticket create: ${JSON.stringify(ticket.result)}`);

  const solved = await client.tickets.update(ticket.result.id, { ticket: { status: "solved", comment: { body: "Wrapped up", public: false } } });
  check(solved.result.status === "solved", `ticket update: ${JSON.stringify(solved.result)}`);

  const comments = await client.tickets.getComments(ticket.result.id);
  check(comments.length === 2 && comments[0].attachments.length === 1, `comments: ${JSON.stringify(comments)}`);

  const job = await client.tickets.createMany({
    tickets: [
      { subject: "Many 1", requester_id: created.result.id, comment: { body: "one", public: false } },
      { subject: "Many 2", requester_id: created.result.id, comment: { body: "two", public: false } },
    ],
  });
  const done = await client.jobstatuses.watch(job.result.job_status.id, 50, 5);
  check(done.status === "completed" && done.results.length === 2 && done.results.every((r) => r.id > 0), `create_many: ${JSON.stringify(done)}`);

  const closed = await client.tickets.create({ ticket: { subject: "Closed", requester_id: created.result.id, status: "closed", comment: { body: "done", public: true } } });
  let refused = null;
  try {
    await client.tickets.update(closed.result.id, { ticket: { comment: { body: "too late", public: false } } });
  } catch (error) {
    refused = error;
  }

  check(refused?.statusCode === 422 && refused.result?.error === "RecordInvalid" && refused.result.details.status[0].description === "Status: closed prevents ticket update",
    `closed ticket update: ${refused?.statusCode} ${JSON.stringify(refused?.result)}`);

  const oauth = zendesk.createClient({ token: process.env.ZD_OAUTH_TOKEN, oauth: true, endpointUri });
  const shown = await oauth.tickets.show(ticket.result.id);
  check(shown.result.id === ticket.result.id, `oauth show: ${JSON.stringify(shown.result)}`);

  let unauthorized = null;
  try {
    await zendesk.createClient({ username: process.env.ZD_EMAIL, token: "wrong", endpointUri, throwOriginalException: true }).users.show(created.result.id);
  } catch (error) {
    unauthorized = error;
  }

  check(unauthorized?.statusCode === 401, `wrong token: ${unauthorized?.statusCode} ${JSON.stringify(unauthorized?.result)}`);
  console.log("node-zendesk conformance: ok");
} catch (error) {
  console.error(error?.stack ?? error, error?.result ? JSON.stringify(error.result) : "");
  process.exit(1);
}
