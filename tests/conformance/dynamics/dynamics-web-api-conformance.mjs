// Drives the fake Dataverse with Microsoft's community client dynamics-web-api (the Web API as real integrations
// call it): retrieve-multiple with a $filter holding a '+', create, upsert (create-only, then update), and a $batch
// whose change set refers to its first request by Content-ID. Exits non-zero on the first surprise.
import { DynamicsWebApi } from "dynamics-web-api";
import assert from "node:assert/strict";

const serverUrl = process.env.DV_URL;
const token = process.env.DV_TOKEN;
const contactId = process.env.DV_CONTACT_ID;
const api = new DynamicsWebApi({ serverUrl, dataApi: { version: "9.2" }, onTokenRefresh: async () => token });

// retrieve-multiple: the E.164 number must reach the server as %2B, or Dataverse would read a space.
const found = await api.retrieveMultiple({
  collection: "contacts",
  select: ["contactid", "fullname", "telephone1"],
  filter: "telephone1 eq '+442079460958' or emailaddress1 eq 'nobody@example.com'",
});
assert.equal(found.value.length, 1, "retrieveMultiple finds the seeded contact");
assert.equal(found.value[0].contactid, contactId);

// create: 204 + OData-EntityId, from which the client reads the id.
const createdId = await api.create({ collection: "contacts", data: { firstname: "Ada", lastname: "Lovelace", emailaddress1: "ada@example.com" } });
assert.match(String(createdId), /^[0-9a-f-]{36}$/i, "create returns the new id");

// upsert: create-only at a chosen id, then an update of the same row.
const taskId = "5a8b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d";
await api.upsert({ collection: "tasks", key: taskId, ifnonematch: "*", data: { subject: "Call back", "regardingobjectid_contact_task@odata.bind": `/contacts(${contactId})` } });
await api.upsert({ collection: "tasks", key: taskId, data: { subject: "Call back (done)" } });
const task = await api.retrieve({ collection: "tasks", key: taskId, select: ["subject"] });
assert.equal(task.subject, "Call back (done)");

// $batch: a change set of an incident and a task regarding it by Content-ID, and a query outside the change set.
api.startBatch();
api.create({ collection: "incidents", contentId: "1", data: { title: "Parcel late", caseorigincode: 1, "customerid_contact@odata.bind": `/contacts(${contactId})` } });
api.create({ collection: "tasks", data: { subject: "Chase the courier", "regardingobjectid_incident_task@odata.bind": "$1" } });
api.retrieveMultiple({ collection: "incidents", select: ["title"], filter: "title eq 'Parcel late'" });
const results = await api.executeBatch({ continueOnError: true });
assert.equal(results.length, 3, `three answers: ${JSON.stringify(results)}`);
assert.match(String(results[0]), /^[0-9a-f-]{36}$/i, `the incident's id: ${JSON.stringify(results[0])}`);
assert.match(String(results[1]), /^[0-9a-f-]{36}$/i, `the task's id: ${JSON.stringify(results[1])}`);
assert.equal(results[2].value.length, 1, "the query after the change set sees the incident");

// A refusal comes back as the OData error, with Dataverse's code.
await assert.rejects(
  api.create({ collection: "tasks", data: { subject: "x".repeat(201) } }),
  (error) => error.status === 400 && error.code === "0x80044331",
);

console.log("dynamics-web-api conformance: ok");
