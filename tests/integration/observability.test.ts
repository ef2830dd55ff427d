import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testServerUrl } from "../helpers/pg";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";
import { toggleProxy, type ToggleProxy } from "../helpers/toggle-proxy";

// What an operator sees: liveness, readiness, metrics, request ids — and PostgreSQL going away under a running
// server. The server reaches its own database through a TCP proxy that the test cuts and restores; the machine's
// PostgreSQL, which others share, is never stopped. Needs TEST_DATABASE_URL (CI sets it).
const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
let database: TestDatabase;
let postgres: ToggleProxy;
let server: TestServer;
let apiKey: string;

beforeAll(async () => {
  if (!testServerUrl) return;
  database = await createTestDatabase("obs");
  postgres = await toggleProxy(database.url);
  server = await startServer({ DATABASE_URL: postgres.url, DOITONG_METRICS_TOKEN: METRICS_TOKEN, DOITONG_DEMO_ACCOUNT: "off", DOITONG_LOG_LEVEL: "info" });
  ({ apiKey } = await server.createAccount({ credits: 1_000 }));
});

afterAll(async () => {
  postgres?.up();
  await server?.stop();
  await postgres?.close();
  await database?.drop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
const ready = async () => {
  const res = await get("/api/ready");
  return { status: res.status, body: (await res.json()) as { status: string; checks: { database: { ok: boolean }; workers: { name: string; ok: boolean }[] } } };
};

/** The server's JSON log lines (pino) since it started. */
function logLines(): { level: number; msg: string; component?: string; requestId?: string }[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string });
}
const linesLike = (pattern: RegExp) => logLines().filter((l) => pattern.test(l.msg));

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.runIf(testServerUrl)("operating the server", () => {
  it("answers liveness and readiness, with the workers' heartbeats", async () => {
    const live = await get("/api/health");
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
    const { status, body } = await until("the workers to report", async () => {
      const r = await ready();
      return r.body.checks.workers.length === 2 && r;
    });
    expect(status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.workers.map((w) => [w.name, w.ok]).sort()).toEqual([
      ["runner", true],
      ["webhook-dispatcher", true],
    ]);
  });

  it("names every request: X-Request-Id on the response, extensions.requestId on its errors", async () => {
    const res = await server.gql(`{ me { plan } }`, {}, { apiKey: "dk_live_not_a_real_key_000000000000000000" });
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^req_/);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: "UNAUTHENTICATED", requestId });
    // A proxy's own request id is kept, so one request can be followed through both logs.
    const forwarded = await server.gql(`{ me { plan } }`, {}, { apiKey, headers: { "x-request-id": "lb-0123456789abcdef" } });
    expect(forwarded.headers.get("x-request-id")).toBe("lb-0123456789abcdef");
  });

  it("serves Prometheus metrics only to the token's bearer", async () => {
    await server.gql(`{ me { plan } }`, {}, { apiKey });
    expect((await get("/api/metrics")).status).toBe(401);
    expect((await get("/api/metrics", { authorization: "Bearer wrong-token-wrong-token-wrong" })).status).toBe(401);
    const res = await get("/api/metrics", { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/doitong_graphql_requests_total\{operation="query me",outcome="ok"\} \d+/);
    // A bad key is refused before its body is read (lib/graphql/admission.ts), so its operation is never known.
    expect(text).toMatch(/doitong_graphql_requests_total\{operation="rejected",outcome="UNAUTHENTICATED"\} \d+/);
    expect(text).toMatch(/doitong_graphql_request_duration_seconds_count\{operation="query me"\} \d+/);
    expect(text).toMatch(/doitong_generations_unfinished\{status="QUEUED"\} 0/);
    expect(text).toMatch(/doitong_webhook_backlog 0/);
  });

  it("PostgreSQL gone: each loop logs the failure once and /api/ready says not ready; back: recovery logged once, work resumes", async () => {
    const claimFailures = /^Runner: claiming queued generations failed/;
    const dispatchFailures = /^Webhook dispatcher: claiming due deliveries failed/;
    const sweepFailures = /^Runner: expiring passed deadlines failed/;
    expect(linesLike(/failed; retrying/)).toEqual([]);

    postgres.down();
    const down = await until("readiness to fail", async () => {
      const r = await ready();
      return r.status === 503 && r;
    });
    expect(down.body.status).toBe("not_ready");
    expect(down.body.checks.database.ok).toBe(false);
    // Let every loop go round several times (each polls about once a second) while the database is away.
    await until("every loop to notice", async () => linesLike(claimFailures).length > 0 && linesLike(dispatchFailures).length > 0 && linesLike(sweepFailures).length > 0);
    await new Promise((r) => setTimeout(r, 6_000));
    for (const pattern of [claimFailures, dispatchFailures, sweepFailures]) {
      const lines = linesLike(pattern);
      expect(lines, `${pattern}`).toHaveLength(1);
      expect(lines[0].level).toBe(50); // error
    }
    // After 10 s of failing claims the workers themselves count as not ready too.
    const stale = await until("the workers to be reported failing", async () => {
      const r = await ready();
      return r.body.checks.workers.every((w) => !w.ok) && r;
    });
    expect(stale.status).toBe(503);

    postgres.up();
    await until("readiness to return", async () => (await ready()).status === 200);
    await until(
      "the loops to recover",
      async () => linesLike(/^Runner: claiming queued generations recovered/).length > 0 && linesLike(/^Webhook dispatcher: claiming due deliveries recovered/).length > 0,
    );
    for (const pattern of [
      /^Runner: claiming queued generations recovered/,
      /^Webhook dispatcher: claiming due deliveries recovered/,
      /^Runner: expiring passed deadlines recovered/,
    ]) {
      expect(linesLike(pattern), `${pattern}`).toHaveLength(1);
    }
    // Still one failure line per loop: the outage was logged once, not once per retry.
    expect(linesLike(claimFailures)).toHaveLength(1);

    // And the runner takes work again.
    const res = await server.gql<{ generate: { id: string } }>(
      `mutation { generate(input: { type: IMAGE, provider: "local", input: { text: "after the outage" }, options: { resolution: "480p" } }) { id } }`,
      {},
      { apiKey },
    );
    expect(res.body.errors).toBeUndefined();
    expect((await waitForGeneration(server, apiKey, res.body.data!.generate.id)).status).toBe("COMPLETED");
  });
});
