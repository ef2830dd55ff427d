import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";

// An idle server on the embedded database makes (almost) no database round trips — test runs start many servers on
// a 2-core machine, and once-a-second polling was most of their idle CPU — yet hears of work at once: the runner and
// the webhook dispatcher sleep until they are woken or something falls due. DOITONG_QUIET_MAX_MS (their safety-net
// sleep) is raised far past every wait here, so nothing below can be that sleep ending.
const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
let server: TestServer;
let receiver: http.Server;
let receiverUrl: string;
const received: { webhookId: string; at: number }[] = [];

beforeAll(async () => {
  // The first request of each message fails (500); its retry succeeds.
  receiver = http.createServer((req, res) => {
    const webhookId = String(req.headers["webhook-id"]);
    const first = !received.some((r) => r.webhookId === webhookId);
    received.push({ webhookId, at: Date.now() });
    req.resume();
    req.on("end", () => res.writeHead(first ? 500 : 200).end());
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  server = await startServer({
    DOITONG_METRICS_TOKEN: METRICS_TOKEN,
    DOITONG_QUIET_MAX_MS: "600000",
    // The webhook schedule at a fifth: the first retry falls due 1 s after a failure instead of 5 s — still a hundred
    // times shorter than the quiet sleep, so only its falling due can send it.
    DOITONG_WEBHOOK_SCHEDULE_SCALE: "0.2",
    DOITONG_ALLOWED_PRIVATE_HOSTS: "127.0.0.1",
    DOITONG_DEMO_ACCOUNT: "off",
  });
});
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((r) => receiver?.close(() => r()));
});

async function roundTrips(): Promise<number> {
  const res = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const match = /^doitong_embedded_database_round_trips_total (\d+)$/m.exec(await res.text());
  if (!match) throw new Error("no round-trip count in /api/metrics");
  return Number(match[1]);
}

async function waitFor<T>(what: string, fn: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const GENERATE = `mutation($input: GenerateInput!) { generate(input: $input) { id } }`;

describe.skipIf(process.env.DOITONG_TEST_DB === "postgres")("an idle server on the embedded database", () => {
  it("makes almost no database round trips, stays ready, and still starts a new generation at once", async () => {
    const { apiKey } = await server.createAccount({ plan: "PRO", credits: 100 });
    await new Promise((r) => setTimeout(r, 1_000)); // the passes that account's writes woke
    const before = await roundTrips();
    await new Promise((r) => setTimeout(r, 15_000));
    // Polling made about 4 a second (60 here). Counted too: the second scrape's own reads (3) and sweeps that run
    // every minute or more (media purge, the switch table's safety refresh).
    expect((await roundTrips()) - before).toBeLessThanOrEqual(20);
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(200);

    const res = await server.gql<{ generate: { id: string } }>(GENERATE, { input: { type: "IMAGE", provider: "local", input: { text: "Wake up" } } }, { apiKey });
    const done = await waitForGeneration(server, apiKey, res.body.data!.generate.id, 120_000);
    expect(done.status).toBe("COMPLETED");
  });

  it("sends a webhook's retry when it falls due, ~1 s after the failed attempt, while otherwise idle", async () => {
    const { apiKey } = await server.createAccount({ plan: "PRO", credits: 100 });
    const res = await server.gql<{ generate: { id: string } }>(
      GENERATE,
      { input: { type: "IMAGE", provider: "local", input: { text: "Call me twice" }, webhookUrl: receiverUrl } },
      { apiKey },
    );
    await waitForGeneration(server, apiKey, res.body.data!.generate.id, 120_000);
    const first = await waitFor("the first attempt", () => received[0], 120_000);
    // The schedule's first retry comes 5 s × 0.2 (±10 %) after a failure; the dispatcher's quiet sleep is 10 minutes.
    const retry = await waitFor("the retry", () => received.find((r) => r !== first && r.webhookId === first.webhookId), 120_000);
    expect(retry.at - first.at).toBeGreaterThanOrEqual(800);
  });
});
