import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { introspect, named, type RootCall, rootCalls, sendCall } from "../helpers/schema-walk";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";
import { signedInPerson } from "../helpers/session";

// Every query, mutation and subscription of the schema — read from the server's own introspection, so a field
// added later is walked too — called by account A with account B's ids, as A's API key and as A's dashboard
// session. Each must answer NOT_FOUND (or, for a dashboard-only field called with a key, UNAUTHENTICATED), or data
// that holds nothing of B's; nothing of B's may appear anywhere in any answer; and B's objects are unchanged.
let server: TestServer;
let receiver: http.Server;
let received = 0;

interface Party {
  accountId: string;
  apiKey: string;
  cookie: string;
}
let a: Party;
let b: Party;
const bIds: Record<string, string> = {};
const bSecrets: string[] = [];

const asSession = (p: Party) => ({ headers: { cookie: p.cookie, "x-doitong-csrf": "1" } });

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    received += 1;
    req.resume();
    res.end("ok");
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  // The walk sends A's session a thousand-odd requests in well under a minute: the dashboard's read budget per
  // account (600 a minute by default) is not what this file tests, so it is raised out of the way.
  server = await startServer({ DOITONG_ALLOWED_PRIVATE_HOSTS: "127.0.0.1", DOITONG_DEMO_ACCOUNT: "off", DOITONG_DASHBOARD_PER_MINUTE: "100000" });
  [a, b] = await Promise.all([party(), party()]);

  // B's objects (its key is a test key, so its endpoint and delivery are test mode: issue 15 item 10): a finished generation, a queued one (cancellable), an API key, a webhook endpoint, a delivery.
  const gen = async (text: string) =>
    (await server.gql<{ generate: { id: string } }>(`mutation($i: GenerateInput!) { generate(input: $i) { id } }`, { i: { type: "IMAGE", input: { text } } }, { apiKey: b.apiKey }))
      .body.data!.generate.id;
  bIds.generation = await gen("B's secret lighthouse");
  // B's polling leaves the finished row in the server's memory (get-generation.ts): A's reads of it below go
  // through that cache, and must still be NOT_FOUND.
  await waitForGeneration(server, b.apiKey, bIds.generation);
  bIds.queued = await gen("B's second secret");
  const key = await server.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
    `mutation { createApiKey(name: "B's other key") { key apiKey { id } } }`,
    {},
    asSession(b),
  );
  bIds.apiKey = key.body.data!.createApiKey.apiKey.id;
  bSecrets.push(key.body.data!.createApiKey.key);
  const { port } = receiver.address() as AddressInfo;
  const endpoint = await server.gql<{ createWebhookEndpoint: { id: string } }>(
    `mutation($u: String!) { createWebhookEndpoint(url: $u, mode: TEST) { id } }`,
    { u: `http://127.0.0.1:${port}/b-hooks` },
    asSession(b),
  );
  bIds.endpoint = endpoint.body.data!.createWebhookEndpoint.id;
  const delivery = await server.gql<{ sendTestWebhook: { id: string } }>(
    `mutation($e: ID!) { sendTestWebhook(endpointId: $e) { id } }`,
    { e: bIds.endpoint },
    { apiKey: b.apiKey },
  );
  bIds.delivery = delivery.body.data!.sendTestWebhook.id;
  const upload = await server.gql<{ createUpload: { uploadId: string } }>(`mutation { createUpload(contentType: "image/png", size: 1000) { uploadId } }`, {}, { apiKey: b.apiKey });
  bIds.upload = upload.body.data!.createUpload.uploadId;
  const me = await server.gql<{ me: { live: string; test: string } }>(`{ me { live: webhookSecret(mode: LIVE) test: webhookSecret(mode: TEST) } }`, {}, asSession(b));
  bSecrets.push(me.body.data!.me.live, me.body.data!.me.test, b.apiKey, "B's secret lighthouse", "B's second secret", "/b-hooks", b.accountId);
  const ledger = await server.gql<{ creditLedger: { nodes: { id: string }[] } }>(`{ creditLedger { nodes { id } } }`, {}, asSession(b)); // live money: a test key's ledger is empty
  ledger.body.data!.creditLedger.nodes.forEach((n, i) => (bIds[`ledger${i}`] = n.id));
  const events = await server.gql<{ generationEvents: { nodes: { id: string }[] } }>(`{ generationEvents { nodes { id } } }`, {}, { apiKey: b.apiKey });
  events.body.data!.generationEvents.nodes.slice(0, 3).forEach((n, i) => (bIds[`event${i}`] = n.id));
  await waitFor(() => received > 0);
});

afterAll(async () => {
  await server?.stop();
  await new Promise((r) => receiver?.close(r));
});

async function party(): Promise<Party> {
  const { cookie } = await signedInPerson(server);
  const me = await server.gql<{ me: { accountId: string } }>(`{ me { accountId } }`, {}, asSession({ cookie } as Party));
  const accountId = me.body.data!.me.accountId;
  await server.setLimits(accountId, { rpm: 0, parallel: 0, daily: 0 });
  const key = await server.gql<{ createApiKey: { key: string } }>(`mutation { createApiKey(name: "walk", mode: TEST) { key } }`, {}, asSession({ cookie } as Party));
  return { accountId, cookie, apiKey: key.body.data!.createApiKey.key };
}

/** Runs `task` on every item, `limit` at a time. */
async function eachConcurrently<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

async function waitFor(check: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Every root field, walked as tests/helpers/schema-walk.ts builds it; a field that takes an id is called once with
// each of B's ids.
interface Call extends RootCall {
  label: string;
}

function withBIds(call: RootCall): Call[] {
  const idArgs = call.args.filter((arg) => named(arg.type).name === "ID");
  if (idArgs.length === 0) return [{ ...call, label: call.field }];
  return Object.entries(bIds).map(([kind, id]) => {
    const variables = { ...call.variables };
    for (const arg of idArgs) variables[arg.name] = arg.type.kind === "LIST" ? [id] : id;
    return { ...call, variables, label: `${call.field}(${idArgs.map((x) => x.name).join(", ")} = B's ${kind})` };
  });
}

/** Data that holds nothing: null, false, empty lists, or connections/objects made only of such things. */
function empty(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (Array.isArray(value)) return value.every(empty);
  if (typeof value === "object") return Object.values(value).every(empty);
  return false;
}

describe("another account's ids, on every field of the schema", () => {
  // A thousand-odd requests, each a full GraphQL round trip: allow for a loaded machine (90 s ran out on one).
  it("find nothing, change nothing, and leak nothing", async () => {
    const calls = rootCalls(await introspect(server), { enumValue: "first" }).flatMap(withBIds);
    const idCalls = calls.filter((c) => c.label.includes("B's"));
    expect(idCalls.length).toBeGreaterThan(30);
    // The walk reaches every field that takes an id, whichever they are today (these at least).
    expect([...new Set(idCalls.map((c) => c.field))]).toEqual(
      expect.arrayContaining(["generation", "cancelGeneration", "revokeApiKey", "redeliverWebhook", "generationUpdated", "upload"]),
    );
    const problems: string[] = [];
    const principals = [
      ["key", { apiKey: a.apiKey }],
      ["session", asSession(a)],
    ] as const;
    // Each call is independent of the others (B's ids, A's credentials, nothing of A's changed that a later call
    // reads): four at a time, as four clients would send them, instead of a thousand-odd round trips one by one.
    const checks = calls.flatMap((call) => principals.map(([who, as]) => ({ call, who, as })));
    await eachConcurrently(checks, 4, async ({ call, who, as }) => {
      const { text, errors, data } = await sendCall(server, call, as);
      // (An error may quote the id A sent; any other of B's ids or secrets in an answer is a leak.)
      const sent = JSON.stringify(call.variables);
      for (const secret of [...Object.values(bIds).filter((id) => !sent.includes(id)), ...bSecrets]) {
        if (text.includes(secret)) problems.push(`${call.label} as A's ${who}: the answer contains B's ${secret}`);
      }
      if (!call.label.includes("B's")) return;
      const codes = errors.map((e) => e.extensions?.code);
      // createCheckout's packId names a credit pack of the public catalog, not an object of any account.
      const publicId = call.field === "createCheckout";
      const allowed = codes.length > 0 && codes.every((c) => c === "NOT_FOUND" || (who === "key" && c === "UNAUTHENTICATED") || publicId);
      if (!allowed && !(codes.length === 0 && empty(data))) problems.push(`${call.label} as A's ${who}: ${text.slice(0, 300)}`);
    });
    expect(problems.sort()).toEqual([]);
  }, 300_000);

  it("left B's objects as they were", async () => {
    const g = await server.gql<{ generation: { status: string; prompt: string } }>(
      `query($id: ID!) { generation(id: $id) { status prompt } }`,
      { id: bIds.queued },
      { apiKey: b.apiKey },
    );
    expect(g.body.data!.generation.status).not.toBe("CANCELLED");
    expect((await server.gql(`{ me { plan } }`, {}, { apiKey: bSecrets[0] })).status).toBe(200); // B's other key still works
    const endpoints = await server.gql<{ webhookEndpoints: { id: string; enabled: boolean; url: string }[] }>(`{ webhookEndpoints { id enabled url } }`, {}, asSession(b));
    expect(endpoints.body.data!.webhookEndpoints).toEqual([expect.objectContaining({ id: bIds.endpoint, enabled: true, url: expect.stringContaining("/b-hooks") })]);
    const deliveries = await server.gql<{ webhookDeliveries: { nodes: { id: string; eventType: string }[] } }>(
      `{ webhookDeliveries(first: 100) { nodes { id eventType } } }`,
      {},
      { apiKey: b.apiKey },
    );
    // Only B's own test message (and B's own generation events): nothing A did queued a delivery to B's endpoint.
    expect(deliveries.body.data!.webhookDeliveries.nodes.filter((d) => d.eventType === "webhook.test").map((d) => d.id)).toEqual([bIds.delivery]);
    const me = await server.gql<{ me: { webhookSecret: string } }>(`{ me { webhookSecret } }`, {}, asSession(b));
    expect(me.body.data!.me.webhookSecret).toBe(bSecrets[1]); // not rotated by A
  });

  it("keeps Idempotency-Keys per account: A reusing B's key gets A's own generation", async () => {
    const input = { type: "IMAGE", input: { text: "same key, other account" } };
    const gen = (apiKey: string) =>
      server.gql<{ generate: { id: string } }>(
        `mutation($i: GenerateInput!) { generate(input: $i) { id } }`,
        { i: input },
        { apiKey, headers: { "Idempotency-Key": "shared-key" } },
      );
    const fromB = await gen(b.apiKey);
    const fromA = await gen(a.apiKey);
    expect(fromA.body.data!.generate.id).not.toBe(fromB.body.data!.generate.id);
    expect(fromA.headers.get("idempotent-replayed")).toBeNull();
  });
});
