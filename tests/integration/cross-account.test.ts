import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";
import { signUpAndSignIn } from "../helpers/session";

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
  server = await startServer({ DOITONG_ALLOWED_PRIVATE_HOSTS: "127.0.0.1", DOITONG_DEMO_ACCOUNT: "off" });
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
  const { cookie } = await signUpAndSignIn(server);
  const me = await server.gql<{ me: { accountId: string } }>(`{ me { accountId } }`, {}, asSession({ cookie } as Party));
  const accountId = me.body.data!.me.accountId;
  await server.setLimits(accountId, { rpm: 0, parallel: 0, daily: 0 });
  const key = await server.gql<{ createApiKey: { key: string } }>(`mutation { createApiKey(name: "walk", mode: TEST) { key } }`, {}, asSession({ cookie } as Party));
  return { accountId, cookie, apiKey: key.body.data!.createApiKey.key };
}

async function waitFor(check: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The schema as introspected, and documents built from it: every scalar field selected (objects two levels deep),
// every required argument given a plausible value, every ID argument given one of B's ids.

type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
interface Field {
  name: string;
  type: TypeRef;
  args: { name: string; type: TypeRef }[];
}
interface Type {
  name: string;
  kind: string;
  fields: Field[] | null;
  inputFields: { name: string; type: TypeRef }[] | null;
  enumValues: { name: string }[] | null;
}
let types: Map<string, Type>;

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const typeText = (t: TypeRef): string => (t.kind === "NON_NULL" ? `${typeText(t.ofType!)}!` : t.kind === "LIST" ? `[${typeText(t.ofType!)}]` : t.name!);

async function introspect(): Promise<Map<string, Type>> {
  const ref = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";
  const res = await server.gql<{ __schema: { types: Type[] } }>(
    `{ __schema { types { name kind enumValues { name } inputFields { name type { ${ref} } } fields { name type { ${ref} } args { name type { ${ref} } } } } } }`,
  );
  return new Map(res.body.data!.__schema.types.map((t) => [t.name, t]));
}

function selection(t: TypeRef, depth = 0): string {
  const type = types.get(named(t).name!)!;
  if (!type.fields) return "";
  const parts = type.fields
    .filter((f) => f.args.every((a) => a.type.kind !== "NON_NULL"))
    .map((f) => {
      const inner = types.get(named(f.type).name!)!;
      if (!inner.fields) return f.name;
      return depth < 2 ? `${f.name} ${selection(f.type, depth + 1)}` : "";
    })
    .filter(Boolean);
  return `{ ${parts.length ? parts.join(" ") : "__typename"} }`;
}

function plausible(t: TypeRef): unknown {
  if (t.kind === "NON_NULL") return plausible(t.ofType!);
  if (t.kind === "LIST") return [plausible(t.ofType!)];
  const type = types.get(t.name!)!;
  if (type.enumValues) return type.enumValues[0].name;
  if (type.inputFields) {
    const input: Record<string, unknown> = {};
    for (const f of type.inputFields) if (f.type.kind === "NON_NULL") input[f.name] = plausible(f.type);
    if (type.name === "GenerateInput") input.input = { text: "A's probe" };
    return input;
  }
  return { Int: 1, Float: 1, Boolean: false, JSON: {}, DateTime: new Date().toISOString() }[t.name!] ?? "A's probe";
}

interface Call {
  label: string;
  operation: "query" | "mutation" | "subscription";
  query: string;
  variables: Record<string, unknown>;
  field: string;
}

/** One call per (field, B's id) for fields with ID arguments; one plain call for the others. */
function callsFor(operation: Call["operation"], root: string): Call[] {
  const calls: Call[] = [];
  for (const f of types.get(root)?.fields ?? []) {
    const idArgs = f.args.filter((arg) => named(arg.type).name === "ID");
    const defs = f.args.map((arg) => `$${arg.name}: ${typeText(arg.type)}`);
    const query = `${operation}${defs.length ? `(${defs.join(", ")})` : ""} { ${f.name}${f.args.length ? `(${f.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ")})` : ""} ${selection(f.type)} }`;
    const base: Record<string, unknown> = {};
    for (const arg of f.args) if (arg.type.kind === "NON_NULL") base[arg.name] = plausible(arg.type);
    if (idArgs.length === 0) {
      calls.push({ label: f.name, operation, query, variables: base, field: f.name });
      continue;
    }
    for (const [kind, id] of Object.entries(bIds)) {
      const variables = { ...base };
      for (const arg of idArgs) variables[arg.name] = named(arg.type).name === "ID" && arg.type.kind === "LIST" ? [id] : id;
      calls.push({ label: `${f.name}(${idArgs.map((x) => x.name).join(", ")} = B's ${kind})`, operation, query, variables, field: f.name });
    }
  }
  return calls;
}

async function send(call: Call, as: { apiKey?: string; headers?: Record<string, string> }): Promise<{ text: string; errors: { extensions?: { code?: string } }[]; data: unknown }> {
  if (call.operation !== "subscription") {
    const res = await server.gql<Record<string, unknown>>(call.query, call.variables, as);
    return { text: JSON.stringify(res.body), errors: res.body.errors ?? [], data: res.body.data?.[call.field] };
  }
  // Subscriptions over SSE: the first event says it all (an error, or a first snapshot).
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  const headers: Record<string, string> = { "content-type": "application/json", accept: "text/event-stream", ...as.headers };
  if (as.apiKey) headers.authorization = `Bearer ${as.apiKey}`;
  let text = "";
  let type = "";
  try {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers,
      body: JSON.stringify({ query: call.query, variables: call.variables }),
      signal: controller.signal,
    });
    type = res.headers.get("content-type") ?? "";
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    while (!type.includes("text/event-stream") || !text.includes("\n\n") || !/data:/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    controller.abort();
  } catch {
    // aborted after the first event, or by the timer
  } finally {
    clearTimeout(timer);
  }
  // A plain JSON answer (an error before the stream opened) is read as such; no answer at all is a failure, not
  // "nothing of B's".
  const body = type.includes("application/json") ? text : text.match(/data:\s*(\{.*\})/)?.[1];
  if (!body) throw new Error(`${call.field}: no answer within 5 s (${type || "no response"}): ${text.slice(0, 200)}`);
  const payload = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[]; data?: Record<string, unknown> };
  return { text, errors: payload.errors ?? [], data: payload.data?.[call.field] };
}

/** Data that holds nothing: null, false, empty lists, or connections/objects made only of such things. */
function empty(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (Array.isArray(value)) return value.every(empty);
  if (typeof value === "object") return Object.values(value).every(empty);
  return false;
}

describe("another account's ids, on every field of the schema", () => {
  it("find nothing, change nothing, and leak nothing", async () => {
    types = await introspect();
    const calls = [...callsFor("query", "Query"), ...callsFor("mutation", "Mutation"), ...callsFor("subscription", "Subscription")];
    const idCalls = calls.filter((c) => c.label.includes("B's"));
    expect(idCalls.length).toBeGreaterThan(30);
    // The walk reaches every field that takes an id, whichever they are today (these at least).
    expect([...new Set(idCalls.map((c) => c.field))]).toEqual(
      expect.arrayContaining(["generation", "cancelGeneration", "revokeApiKey", "redeliverWebhook", "generationUpdated", "upload"]),
    );
    const problems: string[] = [];
    for (const call of calls) {
      for (const [who, as] of [
        ["key", { apiKey: a.apiKey }],
        ["session", asSession(a)],
      ] as const) {
        const { text, errors, data } = await send(call, as);
        // (An error may quote the id A sent; any other of B's ids or secrets in an answer is a leak.)
        const sent = JSON.stringify(call.variables);
        for (const secret of [...Object.values(bIds).filter((id) => !sent.includes(id)), ...bSecrets]) {
          if (text.includes(secret)) problems.push(`${call.label} as A's ${who}: the answer contains B's ${secret}`);
        }
        if (!call.label.includes("B's")) continue;
        const codes = errors.map((e) => e.extensions?.code);
        // createCheckout's packId names a credit pack of the public catalog, not an object of any account.
        const publicId = call.field === "createCheckout";
        const allowed = codes.length > 0 && codes.every((c) => c === "NOT_FOUND" || (who === "key" && c === "UNAUTHENTICATED") || publicId);
        if (!allowed && !(codes.length === 0 && empty(data))) problems.push(`${call.label} as A's ${who}: ${text.slice(0, 300)}`);
      }
    }
    expect(problems).toEqual([]);
  });

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
