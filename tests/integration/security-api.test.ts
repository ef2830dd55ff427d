import { createHmac, randomBytes } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startServer, type TestServer, waitForGeneration } from "../helpers/server";
import { requestSignUp, randomEmail, signedInPerson } from "../helpers/session";

// Issue 15: limits that could be walked around, work done before a request was known to be allowed, and answers
// that said more than they should — each tried as an outside client would, over HTTP against the built app.
let server: TestServer;
let closed: TestServer;
const SECRET = randomBytes(32).toString("hex");

beforeAll(async () => {
  [server, closed] = await Promise.all([
    startServer({ DOITONG_SECRET: SECRET, STRIPE_WEBHOOK_SECRET: "whsec_issue15" }),
    startServer({ DOITONG_INTROSPECTION: "off", DOITONG_ANONYMOUS_PER_MINUTE: "20", DOITONG_ALLOWED_PRIVATE_HOSTS: "127.0.0.1" }),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), closed?.stop()]);
});

const image = (text = "issue 15") => ({ type: "IMAGE", input: { text }, options: { resolution: "480p" } });
type Errors = { errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function account(flags: { plan?: string; credits?: number; rpm?: number; keyMode?: "live" | "test" } = {}, on = server) {
  const { plan = "ENTERPRISE", credits = 1_000, keyMode, ...limits } = flags;
  const created = await on.createAccount({ plan, credits, keyMode });
  if (Object.keys(limits).length) await on.setLimits(created.accountId, limits);
  return created;
}

/** A POST to /graphql with a raw body (no key unless given). */
const postRaw = (body: string, headers: Record<string, string> = {}, on = server) =>
  fetch(`${on.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

/** `count` generate fields under distinct aliases, for a fragment or an operation. */
const generates = (count: number) => Array.from({ length: count }, (_, i) => `g${i}: generate(input: $a) { id }`).join(" ");

describe("item 2: every generate counts, whatever the document's shape", () => {
  it("counts generate fields inside named and inline fragments against the per-minute limit", async () => {
    const { apiKey } = await account({ plan: "FREE", credits: 100 }); // 10 requests a minute
    const named = await server.gql(`mutation($a: GenerateInput!) { ...F } fragment F on Mutation { ${generates(11)} }`, { a: image() }, { apiKey });
    expect(named.status).toBe(429);
    expect(named.body.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMIT", limit: "minute" });

    const other = await account({ plan: "FREE", credits: 100 });
    const inline = await server.gql(
      `mutation($a: GenerateInput!) { ... on Mutation { ${generates(5)} ... on Mutation { ${generates(6).replace(/g(\d+):/g, "h$1:")} } } }`,
      { a: image() },
      { apiKey: other.apiKey },
    );
    expect(inline.status).toBe(429);
    expect(inline.body.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMIT" });
  });
});

describe("item 3: dashboard sessions are limited too", () => {
  it("counts a session's generations like API requests, and gives its reads a UI budget with the same headers", async () => {
    const { cookie } = await signedInPerson(server); // a FREE account: 10 API requests a minute
    const session = { cookie, "x-doitong-csrf": "1" };
    const read = await server.gql(`{ me { email } }`, {}, { headers: session });
    expect(read.status).toBe(200);
    expect(read.headers.get("x-ratelimit-limit")).toBe("600");
    expect(read.headers.get("ratelimit")).toMatch(/^"minute";r=\d+;t=\d+$/);

    const flood = await server.gql(`mutation($a: GenerateInput!) { ${generates(11)} }`, { a: image() }, { headers: session });
    expect(flood.status).toBe(429);
    expect(flood.body.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMIT", limit: "minute" });
    expect(flood.headers.get("x-ratelimit-limit")).toBe("10");
    expect(Number(flood.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("item 6: bodies are capped before they are read", () => {
  const pad = (bytes: number) => JSON.stringify({ query: "{ __typename }", variables: { pad: "A".repeat(bytes) } });

  it("refuses a GraphQL body over 64 KB without a valid key (413), and takes it with one", async () => {
    const anonymous = await postRaw(pad(100 * 1024));
    expect(anonymous.status).toBe(413);
    expect(((await anonymous.json()) as Errors).errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "body", max: 64 * 1024 });
    const badKey = await postRaw(pad(100 * 1024), { authorization: "Bearer dt_test_not_a_real_key_at_all_0000000000" });
    expect(badKey.status).toBe(413);
    const { apiKey } = await account();
    expect((await postRaw(pad(100 * 1024), { authorization: `Bearer ${apiKey}` })).status).toBe(200);
  });

  it("checks a vendor callback's token before reading its body: a 50 MB announcement is refused at once", async () => {
    const res = await rawRequest(
      server,
      "POST",
      "/api/providers/kling/callback?generation=gen_nobody&token=wrong",
      { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) },
      "{",
    );
    expect(res.status).toBe(401);
  });

  it("caps a vendor callback with a valid token at 1 MB (413)", async () => {
    const token = createHmac("sha256", SECRET).update("vendor-callback:gen_nobody").digest("base64url").slice(0, 32);
    const res = await fetch(`${server.url}/api/providers/kling/callback?generation=gen_nobody&token=${token}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pad: "A".repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("caps Stripe's webhook at 1 MB (413) and refuses an unsigned post unread", async () => {
    const big = await fetch(`${server.url}/api/webhooks/stripe`, { method: "POST", headers: { "stripe-signature": "t=1,v1=00" }, body: "A".repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    const unsigned = await rawRequest(server, "POST", "/api/webhooks/stripe", { "content-length": String(50 * 1024 * 1024) }, "{");
    expect(unsigned.status).toBe(400);
  });
});

describe("item 8: requests without a key", () => {
  it("are limited per address (introspection and __typename included), while /api/health and keyed requests go on", async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 25; i++) {
      const res = await postRaw(JSON.stringify({ query: "{ __typename }" }), {}, closed);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(((await limited!.json()) as Errors).errors?.[0].extensions).toMatchObject({ code: "RATE_LIMIT", limit: "anonymous" });
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await fetch(`${closed.url}/api/health`)).status).toBe(200);
    const { apiKey } = await account({}, closed);
    expect((await closed.gql(`{ __typename }`, {}, { apiKey })).status).toBe(200);
  });

  it("may send only small documents", async () => {
    const res = await postRaw(JSON.stringify({ query: `{ __typename ${" ".repeat(20_000)}}` }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Errors).errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "document" });
  });

  it("get no field suggestions when introspection is off", async () => {
    const { apiKey } = await account({}, closed);
    const res = await closed.gql(`{ mee { plan } }`, {}, { apiKey });
    expect(res.body.errors?.[0].message).toMatch(/Cannot query field "mee"/);
    expect(res.body.errors?.[0].message).not.toMatch(/Did you mean/);
    const open = await server.gql(`{ mee { plan } }`, {}, { apiKey: (await account()).apiKey });
    expect(open.body.errors?.[0].message).toMatch(/Did you mean "me"/);
  });
});

describe("item 9: the key is checked before the document is validated", () => {
  it("answers 401 to an invalid document without a key or with a bad one, before validating it", async () => {
    const none = await postRaw(JSON.stringify({ query: "{ nope { nothing } }" }));
    expect(none.status).toBe(401);
    expect(((await none.json()) as Errors).errors?.[0].extensions).toMatchObject({ code: "UNAUTHENTICATED" });
    const bad = await postRaw(JSON.stringify({ query: "{ nope { nothing } }" }), { authorization: "Bearer dt_live_000000000000000000000000000000" });
    expect(bad.status).toBe(401);
  });

  it("bounds the work of an anonymous document: 1,200 repeated fields are refused unvalidated", async () => {
    const started = performance.now();
    const res = await postRaw(JSON.stringify({ query: `{ ${"me{plan} ".repeat(1_200)}}` }));
    expect([400, 401]).toContain(res.status);
    expect(((await res.json()) as Errors).errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|QUERY_TOO_COMPLEX/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("item 10: test mode has its own webhook secret and endpoints; a test key sees only test-mode data", () => {
  it("keeps the live secret, endpoints, deliveries and generations out of a test key's reach", async () => {
    const { cookie } = await signedInPerson(server);
    const session = { headers: { cookie, "x-doitong-csrf": "1" } };
    const keys = await server.gql<{ live: { key: string }; test: { key: string } }>(
      `mutation { live: createApiKey(name: "live", mode: LIVE) { key } test: createApiKey(name: "test", mode: TEST) { key } }`,
      {},
      session,
    );
    const [liveKey, testKey] = [keys.body.data!.live.key, keys.body.data!.test.key];
    const liveSecret = (await server.gql<{ me: { webhookSecret: string } }>(`{ me { webhookSecret } }`, {}, session)).body.data!.me.webhookSecret;
    const endpoint = await server.gql<{ createWebhookEndpoint: { id: string; mode: string } }>(
      `mutation { createWebhookEndpoint(url: "https://hooks.example.invalid/live") { id mode } }`,
      {},
      session,
    );
    expect(endpoint.body.data?.createWebhookEndpoint.mode).toBe("LIVE");
    const endpointId = endpoint.body.data!.createWebhookEndpoint.id;
    const liveDelivery = await server.gql<{ sendTestWebhook: { id: string } }>(`mutation($e: ID!) { sendTestWebhook(endpointId: $e) { id } }`, { e: endpointId }, session);
    const deliveryId = liveDelivery.body.data!.sendTestWebhook.id;
    const liveGeneration = await server.gql<{ generate: { id: string } }>(
      `mutation($a: GenerateInput!) { generate(input: $a) { id } }`,
      { a: image("live work") },
      { apiKey: liveKey },
    );
    const generationId = liveGeneration.body.data!.generate.id;

    // One document, one request of the account's 10 a minute: everything a test key could try.
    const probe = await server.gql<{
      me: { webhookSecret: string };
      webhookEndpoints: { id: string }[];
      webhookDeliveries: { nodes: { id: string }[] };
      generations: { nodes: { id: string }[] };
    }>(`{ me { webhookSecret } webhookEndpoints { id } webhookDeliveries { nodes { id } } generations { nodes { id } } }`, {}, { apiKey: testKey });
    expect(probe.body.errors).toBeUndefined();
    expect(probe.body.data!.me.webhookSecret).toMatch(/^whsec_/);
    expect(probe.body.data!.me.webhookSecret).not.toBe(liveSecret);
    expect(probe.body.data!.webhookEndpoints).toEqual([]);
    expect(probe.body.data!.webhookDeliveries.nodes.map((n) => n.id)).not.toContain(deliveryId);
    expect(probe.body.data!.generations.nodes.map((n) => n.id)).not.toContain(generationId);

    // (Two requests: a mutation stops at its first failed field.)
    const redeliver = await server.gql(`mutation($d: ID!) { redeliverWebhook(id: $d) { id } }`, { d: deliveryId }, { apiKey: testKey });
    expect(redeliver.body.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const sendTest = await server.gql(`mutation($e: ID!) { sendTestWebhook(endpointId: $e) { id } }`, { e: endpointId }, { apiKey: testKey });
    expect(sendTest.body.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    // Two requests again: a failed non-null field nulls the whole answer, and a sibling's error is in it only if that
    // sibling failed first (one document asking both lost NOT_FOUND once `me` got faster).
    const liveSecretAsked = await server.gql(`{ me { webhookSecret(mode: LIVE) } }`, {}, { apiKey: testKey });
    expect(liveSecretAsked.body.errors?.map((e) => e.extensions?.code)).toEqual(["INVALID_INPUT"]);
    const liveGenerationAsked = await server.gql(`query($id: ID!) { generation(id: $id) { id } }`, { id: generationId }, { apiKey: testKey });
    expect(liveGenerationAsked.body.errors?.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);

    // The dashboard keeps both: a TEST endpoint of its own, signed with the test secret the test key sees.
    const testEndpoint = await server.gql<{ createWebhookEndpoint: { mode: string } }>(
      `mutation { createWebhookEndpoint(url: "https://hooks.example.invalid/test", mode: TEST) { mode } }`,
      {},
      session,
    );
    expect(testEndpoint.body.data?.createWebhookEndpoint.mode).toBe("TEST");
    const testSecret = await server.gql<{ me: { webhookSecret: string } }>(`{ me { webhookSecret(mode: TEST) } }`, {}, session);
    expect(testSecret.body.data!.me.webhookSecret).toBe(probe.body.data!.me.webhookSecret);
  });
});

describe("item 11: idempotency keys are scoped per account and mode", () => {
  it("never replays a test result to a live request with the same key", async () => {
    const { cookie } = await signedInPerson(server);
    const keys = await server.gql<{ live: { key: string }; test: { key: string } }>(
      `mutation { live: createApiKey(name: "live", mode: LIVE) { key } test: createApiKey(name: "test", mode: TEST) { key } }`,
      {},
      { headers: { cookie, "x-doitong-csrf": "1" } },
    );
    const headers = { "Idempotency-Key": "order-15" };
    const GENERATE = `mutation($a: GenerateInput!) { generate(input: $a) { id mode } }`;
    const test = await server.gql<{ generate: { id: string; mode: string } }>(GENERATE, { a: image("same") }, { apiKey: keys.body.data!.test.key, headers });
    const live = await server.gql<{ generate: { id: string; mode: string } }>(GENERATE, { a: image("same") }, { apiKey: keys.body.data!.live.key, headers });
    expect(test.body.data?.generate.mode).toBe("TEST");
    expect(live.body.data?.generate.mode).toBe("LIVE");
    expect(live.body.data!.generate.id).not.toBe(test.body.data!.generate.id);
    expect(live.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("item 13: crafted input is INVALID_INPUT naming its field, never INTERNAL", () => {
  const cursor = (text: string) => Buffer.from(text).toString("base64url");

  it("refuses cursors no page ever handed out, and deadlines beyond 30 days", async () => {
    const { apiKey } = await account({ keyMode: "test" });
    const ledger = await server.gql(`query($a: String) { creditLedger(after: $a) { nodes { id } } }`, { a: cursor("-271821-04-20T00:00:00.000Z|led_x") }, { apiKey });
    expect(ledger.body.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: "after" });
    const generations = await server.gql(`query($a: String) { generations(after: $a) { nodes { id } } }`, { a: cursor("-271821-04-20T00:00:00.000Z|gen_x") }, { apiKey });
    expect(generations.body.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: "after" });
    const events = await server.gql(`query($a: String) { generationEvents(after: $a) { nodes { id } } }`, { a: cursor("seq:9999999999999999999") }, { apiKey });
    expect(events.body.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: "after" });

    const GENERATE = `mutation($a: GenerateInput!) { generate(input: $a) { id deadline } }`;
    for (const deadline of ["+275760-09-13T00:00:00.000Z", "99999-01-01", new Date(Date.now() + 31 * 86_400_000).toISOString()]) {
      const res = await server.gql(GENERATE, { a: { ...image("deadline"), deadline } }, { apiKey });
      expect(res.body.errors?.[0].extensions, deadline).toMatchObject({ code: "INVALID_INPUT", field: "deadline" });
      expect(res.body.errors?.[0].message, deadline).not.toMatch(/required/);
    }
    const ok = await server.gql<{ generate: { deadline: string } }>(
      GENERATE,
      { a: { ...image("deadline"), deadline: new Date(Date.now() + 29 * 86_400_000).toISOString() } },
      { apiKey },
    );
    expect(ok.body.data?.generate.deadline).toBeTruthy();
    const listed = await server.gql(`{ generations { nodes { deadline } } }`, {}, { apiKey });
    expect(listed.body.errors).toBeUndefined();
  });

  it("answers sign-up with Origin: null as INVALID_INPUT naming the origin, with a body", async () => {
    const res = await requestSignUp(server, { email: randomEmail(), password: "correct horse battery" }, { origin: "null" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: Record<string, unknown> }).error).toMatchObject({ code: "INVALID_INPUT", field: "origin" });
  });
});

describe("item 15: addresses and network errors", () => {
  it("refuses an IPv4-compatible IPv6 address of loopback", async () => {
    const { apiKey } = await account({ keyMode: "test" });
    for (const host of ["[::127.0.0.1]", "[::7f00:1]", "[::ffff:127.0.0.1]", "[::10.0.0.1]"]) {
      const res = await server.gql(
        `mutation($a: GenerateInput!) { generate(input: $a) { id } }`,
        { a: { type: "VIDEO", input: { text: "x", image: `http://${host}/a.png` } } },
        { apiKey },
      );
      expect(res.body.errors?.[0].extensions, host).toMatchObject({ code: "INVALID_INPUT", field: "input.image" });
      expect(res.body.errors?.[0].message, host).toMatch(/private or local network address/);
    }
  });

  it("tells a webhook's owner what failed in plain words, not the socket's error with our addresses", async () => {
    const { apiKey } = await account({ keyMode: "test" }, closed);
    const port = await freePort(); // nothing listens there: the connection is refused
    const created = await closed.gql<{ generate: { id: string } }>(
      `mutation($a: GenerateInput!) { generate(input: $a) { id } }`,
      { a: { ...image("hook"), webhookUrl: `http://127.0.0.1:${port}/hook` } },
      { apiKey },
    );
    await waitForGeneration(closed, apiKey, created.body.data!.generate.id);
    let error: string | null | undefined;
    for (let i = 0; i < 80 && !error; i++) {
      const res = await closed.gql<{ webhookDeliveries: { nodes: { attempts: { error: string | null }[] }[] } }>(
        `{ webhookDeliveries { nodes { attempts { error } } } }`,
        {},
        { apiKey },
      );
      error = res.body.data?.webhookDeliveries.nodes[0]?.attempts[0]?.error;
      if (!error) await new Promise((r) => setTimeout(r, 250));
    }
    expect(error).toMatch(/refused the connection/);
    expect(error).not.toMatch(/ECONN|127\.0\.0\.1|:\d{2,5}/);
  });
});

describe("item 17: the local preview never renders client SVG", () => {
  it("refuses an SVG portrait by name before librsvg sees it", async () => {
    const { apiKey } = await account({ keyMode: "test" });
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>`).toString("base64");
    const res = await server.gql<{ generate: { id: string } }>(
      `mutation($a: GenerateInput!) { generate(input: $a) { id } }`,
      { a: { type: "AVATAR", provider: "local", input: { text: "Hi", image: `data:image/svg+xml;base64,${svg}` } } },
      { apiKey },
    );
    const refusal = res.body.errors?.[0] ?? (await waitForGeneration(server, apiKey, res.body.data!.generate.id)).error;
    expect(JSON.stringify(refusal)).toMatch(/SVG/);
    expect(JSON.stringify(refusal)).toMatch(/INVALID_INPUT/);
  });
});

describe("item 12: forwarded headers are not trusted without DOITONG_TRUST_PROXY", () => {
  it("signs media links for the host the client connected to, whatever X-Forwarded-Host says", async () => {
    const { apiKey } = await account({ keyMode: "test" });
    const created = await server.gql<{ generate: { id: string } }>(`mutation($a: GenerateInput!) { generate(input: $a) { id } }`, { a: image("forwarded") }, { apiKey });
    const id = created.body.data!.generate.id;
    await waitForGeneration(server, apiKey, id);
    const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    const res = await server.gql<{ generation: { url: string } }>(`query($id: ID!) { generation(id: $id) { url } }`, { id }, { apiKey, headers: forged });
    expect(new URL(res.body.data!.generation.url).host).toBe(new URL(server.url).host);
  });
});

describe("item 18: every authenticated answer is counted and says so", () => {
  it("counts invalid and refused documents, with rate-limit headers on each, and limits a flood of them", async () => {
    const { apiKey } = await account({ rpm: 3 });
    const invalid = await server.gql(`{ nope }`, {}, { apiKey });
    expect(invalid.body.errors?.[0].extensions?.code).toBe("INVALID_INPUT");
    expect(invalid.headers.get("x-ratelimit-remaining")).toBe("2");
    const tooDeep = await server.gql(`{ ${"generations { nodes { ".repeat(6)}id${" } }".repeat(6)} }`, {}, { apiKey });
    expect(tooDeep.body.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(tooDeep.headers.get("x-ratelimit-remaining")).toBe("1");
    const broken = await server.gql(`{ me { `, {}, { apiKey });
    expect(broken.headers.get("x-ratelimit-remaining")).toBe("0");
    const valid = await server.gql(`{ me { plan } }`, {}, { apiKey });
    expect(valid.status).toBe(429);
    expect(valid.headers.get("x-ratelimit-limit")).toBe("3");
  });
});

/** A request on a connection of its own that sends only the start of its body; resolves with the answer's status. */
function rawRequest(on: TestServer, method: string, path: string, headers: Record<string, string>, bodyStart: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(on.url);
    const socket = net.connect(Number(port), hostname, () => {
      const head = [`${method} ${path} HTTP/1.1`, `host: ${hostname}:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), "", ""].join("\r\n");
      socket.write(head + bodyStart);
    });
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 5 s (the server is waiting for the body): ${text}`));
    }, 5_000);
    socket.on("data", (d) => {
      text += d.toString("utf8");
      const match = text.match(/^HTTP\/1\.1 (\d{3})/);
      if (match) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status: Number(match[1]) });
      }
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
