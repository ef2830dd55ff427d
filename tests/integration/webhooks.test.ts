import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { signUpAndSignIn } from "../helpers/session";

// Signed webhooks that are never lost, over real HTTP: a receiver built on the `standardwebhooks` package
// verifies every delivery. The retry schedule runs 1000× faster (DOITONG_WEBHOOK_SCHEDULE_SCALE), so "5 min" is
// 300 ms; the receiver is on 127.0.0.1, allowed by DOITONG_ALLOWED_PRIVATE_HOSTS as local development would.
let server: TestServer;
let receiver: http.Server;
let receiverUrl: string;

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}
type Reply = { status: number; headers?: Record<string, string>; body?: string };
const received: Received[] = [];
/** Per path: how to answer the n-th request (0-based). Default 200. */
const replies = new Map<string, (n: number) => Reply>();

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const n = received.filter((r) => r.path === path).length;
      received.push({ path, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const reply = replies.get(path)?.(n) ?? { status: 200, body: "thanks" };
      res.writeHead(reply.status, reply.headers).end(reply.body ?? "");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // Local videos render at real time at most: the one that reports progress lasts its duration without spending that
  // long on the CPU.
  server = await startServer({ DOITONG_ALLOWED_PRIVATE_HOSTS: "127.0.0.1", DOITONG_WEBHOOK_SCHEDULE_SCALE: "0.001", DOITONG_LOCAL_RENDER_PACE: "1" });
});
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((r) => receiver?.close(() => r()));
});

const as = (cookie: string) => ({ headers: { cookie, "x-doitong-csrf": "1" } });
const at = (path: string) => received.filter((r) => r.path === path);

async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A signed-in dashboard user (endpoints are managed from the dashboard) with an API key of the same account. */
async function newAccount() {
  const { cookie } = await signUpAndSignIn(server);
  const key = await server.gql<{ createApiKey: { key: string } }>(`mutation { createApiKey(name: "hooks") { key } }`, {}, as(cookie));
  return { cookie, apiKey: key.body.data!.createApiKey.key };
}

async function addEndpoint(cookie: string, path: string, events?: string[]) {
  const res = await server.gql<{ createWebhookEndpoint: { id: string; url: string; events: string[]; enabled: boolean } }>(
    `mutation($url: String!, $events: [String!]) { createWebhookEndpoint(url: $url, events: $events) { id url events enabled } }`,
    { url: `${receiverUrl}${path}`, events },
    as(cookie),
  );
  if (!res.body.data) throw new Error(JSON.stringify(res.body));
  return res.body.data.createWebhookEndpoint;
}

/** Via the dashboard session: its requests do not spend the FREE plan's 10 requests a minute, which polling would. */
async function generateImage(cookie: string, webhookUrl?: string) {
  const res = await server.gql<{ generate: { id: string } }>(
    `mutation($input: GenerateInput!) { generate(input: $input) { id } }`,
    { input: { type: "IMAGE", provider: "local", input: { text: "Webhook me" }, ...(webhookUrl ? { webhookUrl } : {}) } },
    as(cookie),
  );
  if (!res.body.data) throw new Error(JSON.stringify(res.body));
  return res.body.data.generate.id;
}

type Delivery = {
  id: string;
  endpointId: string | null;
  url: string;
  eventType: string;
  status: string;
  attemptCount: number;
  lastStatus: number | null;
  attempts: { httpStatus: number | null; responseSnippet: string | null; error: string | null; durationMs: number }[];
};
const DELIVERIES = `query($endpointId: ID) { webhookDeliveries(first: 50, endpointId: $endpointId) { nodes {
  id endpointId url eventType status attemptCount lastStatus attempts { httpStatus responseSnippet error durationMs } } } }`;
async function deliveries(auth: { apiKey?: string; headers?: Record<string, string> }, endpointId?: string): Promise<Delivery[]> {
  const res = await server.gql<{ webhookDeliveries: { nodes: Delivery[] } }>(DELIVERIES, { endpointId }, auth);
  if (!res.body.data) throw new Error(JSON.stringify(res.body));
  return res.body.data.webhookDeliveries.nodes;
}

async function waitDone(cookie: string, id: string, timeoutMs = 60_000) {
  return waitFor(
    `generation ${id}`,
    async () => {
      const res = await server.gql<{ generation: { status: string } }>(`query($id: ID!) { generation(id: $id) { status } }`, { id }, as(cookie));
      return ["COMPLETED", "FAILED", "CANCELLED"].includes(res.body.data?.generation.status ?? "") && res.body.data!.generation;
    },
    timeoutMs,
  );
}

const secretOf = async (apiKey: string) => (await server.gql<{ me: { webhookSecret: string } }>(`{ me { webhookSecret } }`, {}, { apiKey })).body.data!.me.webhookSecret;

// On the "postgres" project this file re-runs only what the database decides (see vitest.config.mts).
const onPostgres = process.env.DOITONG_TEST_DB === "postgres";

describe.skipIf(onPostgres)("signed deliveries", () => {
  it("signs every delivery so that standardwebhooks verifies it: the request's webhookUrl and the account's endpoint", async () => {
    const { cookie, apiKey } = await newAccount();
    const endpoint = await addEndpoint(cookie, "/signed/endpoint");
    const secret = await secretOf(apiKey);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(await secretOf(apiKey)).toBe(secret); // created once, then stable

    const id = await generateImage(cookie, `${receiverUrl}/signed/request`);
    await waitDone(cookie, id);
    const [fromRequest] = await waitFor("the request's webhook", () => at("/signed/request").length === 1 && at("/signed/request"));
    const [fromEndpoint] = await waitFor("the endpoint's webhook", () => at("/signed/endpoint").length === 1 && at("/signed/endpoint"));

    for (const delivery of [fromRequest, fromEndpoint]) {
      const payload = new Webhook(secret).verify(delivery.body, delivery.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
      expect(payload).toMatchObject({ type: "generation.completed", data: { id, status: "COMPLETED", progress: 100, type: "IMAGE", provider: "local" } });
      expect(delivery.headers["webhook-id"]).toMatch(/^msg_/);
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(Math.abs(Number(delivery.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
      // A tampered body or another secret does not verify.
      expect(() => new Webhook(secret).verify(delivery.body.replace("COMPLETED", "FAILED"), delivery.headers)).toThrow(WebhookVerificationError);
      expect(() => new Webhook(`whsec_${Buffer.alloc(24, 7).toString("base64")}`).verify(delivery.body, delivery.headers)).toThrow(WebhookVerificationError);
    }
    expect(fromRequest.headers["webhook-id"]).not.toBe(fromEndpoint.headers["webhook-id"]);

    const log = await deliveries(as(cookie));
    expect(log.map((d) => [d.url, d.endpointId, d.status, d.attemptCount])).toEqual(
      expect.arrayContaining([
        [`${receiverUrl}/signed/request`, null, "SUCCEEDED", 1],
        [`${receiverUrl}/signed/endpoint`, endpoint.id, "SUCCEEDED", 1],
      ]),
    );
    expect(log.find((d) => d.endpointId === endpoint.id)?.attempts).toEqual([expect.objectContaining({ httpStatus: 200, responseSnippet: "thanks", error: null })]);
  });

  it("during a rotation signs with the old and the new secret, so either verifies", async () => {
    const { cookie, apiKey } = await newAccount();
    const endpoint = await addEndpoint(cookie, "/rotation");
    const oldSecret = await secretOf(apiKey);
    // Rotation is a dashboard operation; an API key may read the secret but not replace it.
    const byKey = await server.gql(`mutation { rotateWebhookSecret { secret } }`, {}, { apiKey });
    expect(byKey.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const rotated = await server.gql<{ rotateWebhookSecret: { secret: string; previousSecretExpiresAt: string } }>(
      `mutation { rotateWebhookSecret { secret previousSecretExpiresAt } }`,
      {},
      as(cookie),
    );
    const { secret: newSecret, previousSecretExpiresAt } = rotated.body.data!.rotateWebhookSecret;
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(await secretOf(apiKey)).toBe(newSecret);

    const test = await server.gql<{ sendTestWebhook: { id: string; eventType: string } }>(
      `mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id eventType } }`,
      { id: endpoint.id },
      { apiKey },
    );
    expect(test.body.data?.sendTestWebhook.eventType).toBe("webhook.test");
    const [delivery] = await waitFor("the test webhook", () => at("/rotation").length === 1 && at("/rotation"));
    expect(delivery.headers["webhook-id"]).toBe(test.body.data!.sendTestWebhook.id);
    expect(delivery.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(newSecret).verify(delivery.body, delivery.headers)).toMatchObject({ type: "webhook.test", data: { endpointId: endpoint.id } });
    expect(new Webhook(oldSecret).verify(delivery.body, delivery.headers)).toMatchObject({ type: "webhook.test" });
  });
});

describe("retries", () => {
  it("retries a receiver that fails 3 times on the backoff schedule, then delivers the event exactly once more", async () => {
    const { cookie, apiKey } = await newAccount();
    replies.set("/flaky", (n) => (n < 3 ? { status: 500, body: `broken #${n + 1}` } : { status: 204 }));
    const endpoint = await addEndpoint(cookie, "/flaky");
    const id = await generateImage(cookie);
    const requests = await waitFor("four attempts", () => at("/flaky").length >= 4 && at("/flaky"), 30_000);
    await new Promise((r) => setTimeout(r, 3_000)); // long past the next retry (2 h × 0.001 = 7.2 s is the one after; none is due)
    expect(at("/flaky")).toHaveLength(4);

    const secret = await secretOf(apiKey);
    const ids = new Set(requests.map((r) => r.headers["webhook-id"]));
    expect(ids.size).toBe(1); // one message, retried: receivers de-duplicate by webhook-id
    for (const r of requests) expect(new Webhook(secret).verify(r.body, r.headers)).toMatchObject({ type: "generation.completed", data: { id } });
    // Gaps follow the schedule scaled 1000×: 5 s → 5 ms, 5 min → 300 ms, 30 min → 1.8 s (−10 % jitter at most).
    const gaps = requests.slice(1).map((r, i) => r.at - requests[i].at);
    expect(gaps[1]).toBeGreaterThanOrEqual(270);
    expect(gaps[2]).toBeGreaterThanOrEqual(1_620);
    expect(gaps[2]).toBeLessThan(5_000);

    const [delivery] = await deliveries(as(cookie), endpoint.id);
    expect(delivery).toMatchObject({ status: "SUCCEEDED", attemptCount: 4, lastStatus: 204 });
    expect(delivery.attempts.map((a) => [a.httpStatus, a.responseSnippet])).toEqual([
      [500, "broken #1"],
      [500, "broken #2"],
      [500, "broken #3"],
      [204, null],
    ]);
    expect(delivery.attempts[0].error).toBe("HTTP 500");
  });

  it("disables an endpoint that answers 410 Gone and stops sending to it", async () => {
    const { cookie, apiKey } = await newAccount();
    replies.set("/gone", () => ({ status: 410, body: "unsubscribed" }));
    const endpoint = await addEndpoint(cookie, "/gone");
    await generateImage(cookie);
    await waitFor("the 410", () => at("/gone").length === 1);
    const [delivery] = await waitFor("the delivery to be disabled", async () => {
      const list = await deliveries(as(cookie), endpoint.id);
      return list[0]?.status === "DISABLED" && list;
    });
    expect(delivery).toMatchObject({ attemptCount: 1, lastStatus: 410 });
    const endpoints = await server.gql<{ webhookEndpoints: { id: string; enabled: boolean; disabledReason: string | null }[] }>(
      `{ webhookEndpoints { id enabled disabledReason } }`,
      {},
      as(cookie),
    );
    expect(endpoints.body.data!.webhookEndpoints[0]).toMatchObject({ id: endpoint.id, enabled: false, disabledReason: expect.stringContaining("410") });

    // Nothing more goes to it: not the next generation's event, not a test message, not a redelivery.
    const second = await generateImage(cookie);
    await waitDone(cookie, second);
    const test = await server.gql(`mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }`, { id: endpoint.id }, { apiKey });
    expect(test.body.errors?.[0].extensions?.code).toBe("INVALID_INPUT");
    const redeliver = await server.gql(`mutation($id: ID!) { redeliverWebhook(id: $id) { id } }`, { id: delivery.id }, { apiKey });
    expect(redeliver.body.errors?.[0].extensions?.code).toBe("INVALID_INPUT");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(at("/gone")).toHaveLength(1);

    // Enabled again, it receives (and a redelivery re-sends the same message id).
    replies.set("/gone", () => ({ status: 200 }));
    await server.gql(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, enabled: true) { enabled } }`, { id: endpoint.id }, as(cookie));
    const again = await server.gql<{ redeliverWebhook: { id: string; status: string } }>(
      `mutation($id: ID!) { redeliverWebhook(id: $id) { id status } }`,
      { id: delivery.id },
      { apiKey },
    );
    expect(again.body).toMatchObject({ data: { redeliverWebhook: { status: "PENDING" } } });
    await waitFor("the redelivery", () => at("/gone").length === 2);
    expect(at("/gone")[1].headers["webhook-id"]).toBe(delivery.id);
  });
});

describe.skipIf(onPostgres)("endpoint registration", () => {
  it("refuses URLs that are not http(s) on a public address with INVALID_INPUT naming the url", async () => {
    const { cookie } = await newAccount();
    for (const url of [
      "http://10.0.0.8/hook",
      "http://192.168.1.20/hook",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]:8080/hook",
      "http://[::ffff:10.0.0.1]/hook",
      "http://100.64.0.1/hook",
      "ftp://example.com/hook",
      "not a url",
    ]) {
      const res = await server.gql(`mutation($url: String!) { createWebhookEndpoint(url: $url) { id } }`, { url }, as(cookie));
      expect(res.body.errors?.[0].extensions, url).toMatchObject({ code: "INVALID_INPUT", field: "url" });
    }
    const endpoint = await addEndpoint(cookie, "/fine");
    const moved = await server.gql(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, url: "http://10.1.2.3/x") { id } }`, { id: endpoint.id }, as(cookie));
    expect(moved.body.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: "url" });
    const badFilter = await server.gql(
      `mutation($url: String!) { createWebhookEndpoint(url: $url, events: ["generation.exploded"]) { id } }`,
      { url: `${receiverUrl}/x` },
      as(cookie),
    );
    expect(badFilter.body.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: "events" });
  });

  it("is a dashboard operation: an API key cannot add endpoints", async () => {
    const { apiKey } = await newAccount();
    const res = await server.gql(`mutation($url: String!) { createWebhookEndpoint(url: $url) { id } }`, { url: `${receiverUrl}/k` }, { apiKey });
    expect(res.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("sends progress only to endpoints that ask for it, and filters final events", async () => {
    const { cookie } = await newAccount();
    await addEndpoint(cookie, "/only-failed", ["generation.failed"]);
    await addEndpoint(cookie, "/progress", ["generation.progress", "generation.completed"]);
    const res = await server.gql<{ generate: { id: string } }>(
      `mutation { generate(input: { type: VIDEO, provider: "local", input: { text: "Progress hooks" }, options: { duration: 3, resolution: "480p", fps: 12 } }) { id } }`,
      {},
      as(cookie),
    );
    const id = res.body.data!.generate.id;
    await waitDone(cookie, id, 120_000);
    const got = await waitFor("the completed event", () => {
      const list = at("/progress").map((r) => JSON.parse(r.body) as { type: string; data: { progress: number } });
      return list.some((p) => p.type === "generation.completed") && list;
    });
    expect(got.filter((p) => p.type === "generation.progress").length).toBeGreaterThanOrEqual(1);
    expect(got.at(-1)?.type).toBe("generation.completed");
    await new Promise((r) => setTimeout(r, 500));
    expect(at("/only-failed")).toHaveLength(0);
  });
});

describe.skipIf(onPostgres)("isolation between accounts", () => {
  it("never shows or touches another account's endpoints, deliveries or secret", async () => {
    const owner = await newAccount();
    const endpoint = await addEndpoint(owner.cookie, "/isolated");
    const sent = await server.gql<{ sendTestWebhook: { id: string } }>(`mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }`, { id: endpoint.id }, as(owner.cookie));
    const deliveryId = sent.body.data!.sendTestWebhook.id;
    await waitFor("the owner's delivery", () => at("/isolated").length === 1);

    const intruder = await newAccount();
    const list = await server.gql<{ webhookEndpoints: unknown[] }>(`{ webhookEndpoints { id } }`, {}, as(intruder.cookie));
    expect(list.body.data?.webhookEndpoints).toEqual([]);
    expect(await deliveries({ apiKey: intruder.apiKey })).toEqual([]);
    expect(await deliveries({ apiKey: intruder.apiKey }, endpoint.id)).toEqual([]);
    const attempts = [
      server.gql(`mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }`, { id: endpoint.id }, { apiKey: intruder.apiKey }),
      server.gql(`mutation($id: ID!) { redeliverWebhook(id: $id) { id } }`, { id: deliveryId }, { apiKey: intruder.apiKey }),
      server.gql(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, enabled: false) { id } }`, { id: endpoint.id }, as(intruder.cookie)),
      server.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: endpoint.id }, as(intruder.cookie)),
    ];
    for (const res of await Promise.all(attempts)) expect(res.body.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(await secretOf(intruder.apiKey)).not.toBe(await secretOf(owner.apiKey));
    const still = await server.gql<{ webhookEndpoints: { enabled: boolean }[] }>(`{ webhookEndpoints { enabled } }`, {}, as(owner.cookie));
    expect(still.body.data?.webhookEndpoints).toEqual([{ enabled: true }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(at("/isolated")).toHaveLength(1);
  });
});

// Last: it kills the server.
describe("a killed server", () => {
  it("loses no webhook: a delivery waiting for its retry at kill -9 is delivered after restart", async () => {
    const { cookie, apiKey } = await newAccount();
    // The first attempt is told to come back in 4 s (Retry-After beats the 5 ms scaled schedule); we kill the
    // server in between, with the delivery only in the database.
    replies.set("/survives", (n) => (n === 0 ? { status: 503, headers: { "retry-after": "4" }, body: "busy" } : { status: 200 }));
    const endpoint = await addEndpoint(cookie, "/survives");
    const id = await generateImage(cookie);
    await waitFor("the first attempt", () => at("/survives").length === 1);
    // Kill only once the 503 is on record, so the delivery is truly waiting in the database for its retry (a kill
    // between the receiver's answer and that write would rightly resend, leaving no 503 in the log).
    await waitFor("the 503 on record", async () => (await deliveries(as(cookie), endpoint.id))[0]?.attempts.length === 1);
    await server.restart();
    const [first, second] = await waitFor("the delivery after restart", () => at("/survives").length === 2 && at("/survives"), 60_000);
    expect(second.at - first.at).toBeGreaterThanOrEqual(3_900);
    expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(new Webhook(await secretOf(apiKey)).verify(second.body, second.headers)).toMatchObject({ type: "generation.completed", data: { id } });
    const [delivery] = await waitFor("the log to say so", async () => {
      const list = await deliveries(as(cookie), endpoint.id);
      return list[0]?.status === "SUCCEEDED" && list;
    });
    expect(delivery.attempts.map((a) => a.httpStatus)).toEqual([503, 200]);
    expect(at("/survives")).toHaveLength(2);
  });
});
