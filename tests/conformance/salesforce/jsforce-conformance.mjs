// Drives the fake Salesforce with jsforce (the reference JavaScript client): JWT bearer sign-in, create, query,
// upsert by external id (single and collection), composite with reference chaining, and an error body.
// Env: SF_LOGIN_URL, SF_CLIENT_ID, SF_USERNAME, SF_PRIVATE_KEY_PATH, SF_AUDIENCE. Exits non-zero on any failure.
import { createSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { Connection } from "jsforce";

const check = (condition, message) => {
  if (!condition) throw new Error(message);
};

const base64url = (value) => Buffer.from(value).toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

function assertion() {
  const header = base64url(JSON.stringify({ alg: "RS256" }));
  const claims = base64url(
    JSON.stringify({
      iss: process.env.SF_CLIENT_ID,
      sub: process.env.SF_USERNAME,
      aud: process.env.SF_AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 180,
    }),
  );
  const signer = createSign("RSA-SHA256");
  signer.update(`${header}.${claims}`);
  return `${header}.${claims}.${signer.sign(readFileSync(process.env.SF_PRIVATE_KEY_PATH, "utf8")).toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}`;
}

try {
  const conn = new Connection({ oauth2: { loginUrl: process.env.SF_LOGIN_URL.replace(/\/$/, "") }, version: "62.0" });
  const user = await conn.authorize({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: assertion() });
  check(conn.accessToken && conn.instanceUrl, "no session after the JWT bearer grant");
  check(user.organizationId, "no organization id in the identity URL");

  const created = await conn.sobject("Contact").create({ FirstName: "Js", LastName: "Force", Email: "jsforce@example.com", Phone: "(020) 7946 0958" });
  check(created.success && created.id?.startsWith("003"), `create: ${JSON.stringify(created)}`);

  const found = await conn.query("SELECT Id, Name, Email FROM Contact WHERE Email = 'jsforce@example.com'");
  check(found.totalSize === 1 && found.records[0].Id === created.id && found.records[0].Name === "Js Force", `query: ${JSON.stringify(found)}`);

  const task = { Connector_Key__c: "js-call-1", Subject: "Call", WhoId: created.id, TaskSubtype: "Call", CallType: "Inbound", CallDurationInSeconds: 42 };
  const first = await conn.sobject("Task").upsert(task, "Connector_Key__c");
  check(first.success && first.created === true, `upsert (new): ${JSON.stringify(first)}`);
  // TaskSubtype is create-only: an update carries the other fields.
  const { TaskSubtype, ...update } = task;
  const second = await conn.sobject("Task").upsert({ ...update, Subject: "Call (updated)" }, "Connector_Key__c");
  check(second.success && second.created === false && second.id === first.id, `upsert (existing): ${JSON.stringify(second)}`);

  const many = await conn.sobject("Task").upsert(
    [
      { Connector_Key__c: "js-call-1", Subject: "Call again" },
      { Connector_Key__c: "js-chat-1", Subject: "Chat", WhoId: created.id, Type: "Chat" },
    ],
    "Connector_Key__c",
  );
  check(many.length === 2 && many[0].created === false && many[1].created === true, `upsert collection: ${JSON.stringify(many)}`);

  const composite = await conn.requestPost("/composite", {
    allOrNone: true,
    collateSubrequests: false,
    compositeRequest: [
      { method: "POST", url: "/services/data/v62.0/sobjects/Case", referenceId: "refCase", body: { Subject: "From jsforce", ContactId: created.id } },
      { method: "POST", url: "/services/data/v62.0/sobjects/Task", referenceId: "refTask", body: { Subject: "Follow-up", WhatId: "@{refCase.id}", WhoId: created.id } },
      { method: "GET", url: "/services/data/v62.0/query?q=SELECT+Id+FROM+Case+WHERE+Id+%3D+%27@{refCase.id}%27", referenceId: "refQuery" },
    ],
  });
  const answers = composite.compositeResponse;
  check(answers.length === 3 && answers[0].httpStatusCode === 201 && answers[1].httpStatusCode === 201, `composite: ${JSON.stringify(composite)}`);
  check(answers[2].httpStatusCode === 200 && answers[2].body.records[0].Id === answers[0].body.id, `composite query: ${JSON.stringify(answers[2])}`);

  let refused;
  try {
    await conn.sobject("Contact").create({ FirstName: "No last name" });
  } catch (error) {
    refused = error;
  }
  check(refused?.errorCode === "REQUIRED_FIELD_MISSING", `a contact without LastName was not refused as Salesforce does (${refused?.errorCode})`);

  console.log(JSON.stringify({ ok: true, contact: created.id, task: first.id, case: answers[0].body.id }));
} catch (error) {
  console.error(`jsforce conformance failed: ${error?.stack ?? error}`);
  process.exit(1);
}
