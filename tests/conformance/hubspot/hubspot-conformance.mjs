// Drives the connector's fake HubSpot with HubSpot's own Node client (@hubspot/api-client): search, create (and
// the 409 of a known email), batch upsert on the unique key property, v4 associations and a file upload. Exits
// non-zero, naming the step, when the client cannot talk to the fake or the fake answers what HubSpot would not.
import { Client } from '@hubspot/api-client';

const basePath = process.env.HUBSPOT_BASE_URL.replace(/\/$/, '');
const client = new Client({ accessToken: process.env.HUBSPOT_ACCESS_TOKEN, basePath, numberOfApiCallRetries: 0 });
const keyProperty = process.env.HUBSPOT_KEY_PROPERTY;
const ownerId = process.env.HUBSPOT_OWNER_ID;

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function step(name, action) {
  try {
    const result = await action();
    console.log(`ok ${name}`);
    return result;
  } catch (error) {
    console.error(`FAILED ${name}: ${error.code ?? ''} ${error.message}`);
    if (error.body) console.error(JSON.stringify(error.body));
    process.exit(1);
  }
}

const found = await step('search contacts by national digits (filter groups ORed)', async () => {
  const page = await client.crm.contacts.searchApi.doSearch({
    filterGroups: [
      { filters: [{ propertyName: 'hs_searchable_calculated_phone_number', operator: 'EQ', value: '2079460958' }] },
      { filters: [{ propertyName: 'email', operator: 'IN', values: ['nobody@example.com'] }] },
    ],
    properties: ['firstname', 'lastname', 'phone'],
    limit: 10,
    after: '0',
    sorts: [],
  });
  check(page.total === 1 && page.results.length === 1, `expected one contact, got ${page.total}`);
  check(page.results[0].properties.phone === '(020) 7946 0958', 'the stored phone comes back as stored');
  return page.results[0];
});

const created = await step('create a contact', async () => {
  const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'conformance@example.com', firstname: 'Con', lastname: 'Formance' }, associations: [] });
  check(/^\d+$/.test(contact.id), `a numeric id, got ${contact.id}`);
  return contact;
});

await step('a second contact with the same email is refused 409', async () => {
  try {
    await client.crm.contacts.basicApi.create({ properties: { email: 'conformance@example.com' }, associations: [] });
  } catch (error) {
    check(error.code === 409, `expected 409, got ${error.code}`);
    check(JSON.stringify(error.body).includes(`Existing ID: ${created.id}`), 'the 409 names the existing contact');
    return;
  }
  throw new Error('the duplicate was accepted');
});

const calls = await step('batch upsert two calls on the unique key property, twice', async () => {
  const inputs = ['conf-1', 'conf-2'].map((key) => ({
    idProperty: keyProperty,
    id: `${key}:voice`,
    properties: { hs_timestamp: '2026-11-30T09:30:00.000Z', hs_call_title: `Call ${key}`, hs_call_direction: 'INBOUND', hs_call_duration: '184000', hs_call_status: 'COMPLETED', hubspot_owner_id: ownerId },
  }));
  const first = await client.crm.objects.batchApi.upsert('calls', { inputs });
  const again = await client.crm.objects.batchApi.upsert('calls', { inputs });
  check(first.results.length === 2 && again.results.length === 2, 'two results each time');
  const ids = (r) => r.results.map((c) => c.id).sort().join(',');
  check(ids(first) === ids(again), 'the replay updates the same calls');
  return first.results;
});

await step('associate the calls to the contact (v4 batch, HUBSPOT_DEFINED 194)', async () => {
  const answer = await client.crm.associations.v4.batchApi.create('calls', 'contacts', {
    inputs: calls.map((call) => ({ _from: { id: call.id }, to: { id: found.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 194 }] })),
  });
  check(answer.results.length === 2, `two associations, got ${answer.results.length}`);
});

await step('a wrong association type id is refused', async () => {
  try {
    await client.crm.associations.v4.batchApi.create('calls', 'contacts', {
      inputs: [{ _from: { id: calls[0].id }, to: { id: found.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }],
    });
  } catch (error) {
    check(error.code === 400, `expected 400, got ${error.code}`);
    return;
  }
  throw new Error('association type 202 (note to contact) was accepted between a call and a contact');
});

await step('upload a private file (multipart)', async () => {
  const file = await client.files.filesApi.upload(
    { data: Buffer.from('Agent: hello\nCustomer: hi\n'), name: 'transcript-conformance.txt' },
    undefined,
    '/conformance',
    'transcript-conformance.txt',
    undefined,
    JSON.stringify({ access: 'PRIVATE', duplicateValidationStrategy: 'RETURN_EXISTING', duplicateValidationScope: 'EXACT_FOLDER' }),
  );
  check(file.id, 'the file has an id');
  check(file.access === 'PRIVATE', `private access, got ${file.access}`);
});

console.log('hubspot conformance: all steps passed');
