import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "@/lib/errors";
import { type GqlResponse, startServer, type TestServer, waitForGeneration } from "../helpers/server";

// Plans, rate limits, credits and idempotency as a client sees them: status codes, headers, error codes.
// Two servers of one build. `admission` runs no workflows (DOITONG_RUNNER=off): the tests of what is accepted,
// refused and reserved queue up to 50 generations each, which a runner would then render in the background —
// most of this file's CPU, slowing every later test, though nothing looks at them again. `server` runs them, for
// the tests of slots, refunds and cancels that do; its videos render at real time at most
// (DOITONG_LOCAL_RENDER_PACE), so one lasts as long as its duration without spending that long on the CPU.
let server: TestServer;
let admission: TestServer;

beforeAll(async () => {
  [server, admission] = await Promise.all([startServer({ DOITONG_LOCAL_RENDER_PACE: "1" }), startServer({ DOITONG_RUNNER: "off", DOITONG_DEMO_ACCOUNT: "off" })]);
});
afterAll(() => Promise.all([server?.stop(), admission?.stop()]));

const GENERATE = `mutation($input: GenerateInput!) { generate(input: $input) { id status creditCost } }`;
const image = (text = "limits") => ({ type: "IMAGE", input: { text }, options: { resolution: "480p" } });
type Generated = { generate: { id: string; status: string; creditCost: number } };
type Ledger = { creditLedger: { nodes: { kind: string; amount: number; generationId: string | null }[] } };

async function account(on: TestServer, flags: { plan?: string; credits?: number; rpm?: number; parallel?: number; daily?: number } = {}) {
  const { plan = "ENTERPRISE", credits = 1_000, ...limits } = flags;
  const created = await on.createAccount({ plan, credits });
  if (Object.keys(limits).length) await on.setLimits(created.accountId, limits);
  return created;
}

async function ledger(on: TestServer, apiKey: string) {
  const res = await on.gql<Ledger>(`{ creditLedger(first: 100) { nodes { kind amount generationId } } }`, {}, { apiKey });
  return res.body.data!.creditLedger.nodes;
}

/**
 * A burst past the 10 requests a minute: `refusals` of the answers are the refusal alone — the 429 body and the
 * limit's headers, none of what the request would have said had it run (its data or errors, Idempotent-Replayed).
 * Returns the other answers.
 */
function answeredOrRefusedAlone<T>(answers: GqlResponse<T>[], refusals: number): GqlResponse<T>[] {
  const refused = answers.filter((res) => res.status === 429);
  expect(refused).toHaveLength(refusals);
  for (const res of refused) {
    expect(res.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^Rate limit exceeded: 10 requests per minute\. Retry in \d+ s\.$/),
          extensions: expect.objectContaining({ code: "RATE_LIMIT", limit: "minute" }),
        },
      ],
    });
    expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(res.headers.get("idempotent-replayed")).toBeNull();
    expect(res.headers.get("retry-after")).toBe(res.headers.get("x-ratelimit-reset"));
  }
  return answers.filter((res) => res.status !== 429);
}

describe("requests per minute", () => {
  it("answers the 11th request of a minute on FREE with 429, and explains every response in headers", async () => {
    const { apiKey } = await account(admission, { plan: "FREE" });
    for (let i = 1; i <= 10; i++) {
      const res = await admission.gql(`{ me { plan } }`, {}, { apiKey });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-limit")).toBe("10");
      expect(res.headers.get("x-ratelimit-remaining")).toBe(String(10 - i));
      const reset = Number(res.headers.get("x-ratelimit-reset"));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
      expect(res.headers.get("ratelimit-policy")).toBe(`"minute";q=10;w=60, "day";q=100;w=86400`);
      expect(res.headers.get("ratelimit")).toBe(`"minute";r=${10 - i};t=${reset}`);
    }
    const limited = await admission.gql(`{ me { plan } }`, {}, { apiKey });
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMIT", limit: "minute" });
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("retry-after")).toBe(limited.headers.get("x-ratelimit-reset"));
  });

  // Reads run while their request is counted (lib/graphql/admission.ts): the count and the answers must be the same.
  it("of 12 simultaneous reads with 5 requests left, answers exactly 5 and refuses 7 with the refusal alone", async () => {
    const { apiKey } = await account(admission, { plan: "FREE" });
    for (let i = 0; i < 5; i++) expect((await admission.gql(`{ me { plan } }`, {}, { apiKey })).status).toBe(200);
    const reads = [`{ providers(type: IMAGE) { id } }`, `{ generation(id: "gen_missing") { id } }`, `{ providers(type: IMAGE) { noSuchField } }`];
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => admission.gql<Record<string, unknown>>(reads[i % 3], {}, { apiKey })));
    const allowed = answeredOrRefusedAlone(answers, 7);
    expect(allowed.map((res) => Number(res.headers.get("x-ratelimit-remaining"))).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  // Simultaneous generates race for the last requests of the minute: whatever each would have said alone (a replay's
  // Idempotent-Replayed, an input error), a refused one writes nothing and its answer is the refusal alone.
  it("of 12 simultaneous generates with 5 requests left, starts only allowed ones and refuses 7 with the refusal alone", async () => {
    const { apiKey, accountId } = await account(admission, { rpm: 10 });
    const first = await admission.gql<Generated>(GENERATE, { input: image() }, { apiKey, headers: { "idempotency-key": "counted-replay" } });
    expect(first.status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await admission.gql(`{ me { plan } }`, {}, { apiKey })).status).toBe(200);
    // A replay, a new generation, and one its input refuses: each would say something of its own if it ran alone.
    const send = (i: number) =>
      i % 3 === 0
        ? admission.gql<Generated>(GENERATE, { input: image() }, { apiKey, headers: { "idempotency-key": "counted-replay" } })
        : admission.gql<Generated>(GENERATE, { input: i % 3 === 1 ? image(`new ${i}`) : { ...image(), options: { resolution: "9000p" } } }, { apiKey });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => send(i)));
    const allowed = answeredOrRefusedAlone(answers, 7);
    expect(allowed.map((res) => Number(res.headers.get("x-ratelimit-remaining"))).sort()).toEqual([0, 1, 2, 3, 4]);
    const started = allowed.flatMap((res) => (res.body.data?.generate && res.headers.get("idempotent-replayed") === null ? [res.body.data.generate.id] : []));
    const db = await admission.database();
    const rows = await db.generation.findMany({ where: { accountId }, select: { id: true } });
    expect(rows.map((r) => r.id).sort()).toEqual([first.body.data!.generate.id, ...started].sort());
  });

  it("counts each generate of a document on its own", async () => {
    const { apiKey } = await account(admission, { plan: "FREE" });
    const res = await admission.gql(
      `mutation($a: GenerateInput!) { a: generate(input: $a) { id } b: generate(input: $a) { id } c: generate(input: $a) { id } }`,
      { a: image() },
      { apiKey },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ratelimit-remaining")).toBe("7");
  });

  it("applies a plan change on the next request", async () => {
    const { apiKey, accountId } = await account(admission, { plan: "FREE" });
    expect((await admission.gql(`{ me { plan } }`, {}, { apiKey })).headers.get("x-ratelimit-limit")).toBe("10");
    await admission.setLimits(accountId, { plan: "PRO" });
    // The operator's change comes from another process (the admin command; here the test): the server's key cache
    // (DOITONG_KEY_CACHE_MS, 1 s) may hold the old limits that long, and no longer.
    const changedAt = Date.now();
    let res;
    for (;;) {
      res = await admission.gql<{ me: { plan: string; limits: { requestsPerMinute: number } } }>(`{ me { plan limits { requestsPerMinute } } }`, {}, { apiKey });
      if (res.headers.get("x-ratelimit-limit") === "60" || Date.now() - changedAt > 3_000) break;
      await new Promise((r) => setTimeout(r, 250)); // FREE allows 10 a minute: don't spend them all waiting
    }
    expect(res.headers.get("x-ratelimit-limit")).toBe("60");
    expect(res.body.data!.me).toEqual({ plan: "PRO", limits: { requestsPerMinute: 60 } });
  });
});

describe("generations per day", () => {
  it("refuses the generation past the day limit with 429 until midnight UTC", async () => {
    const { apiKey } = await account(admission, { rpm: 0, daily: 3 });
    for (let i = 0; i < 3; i++) expect((await admission.gql<Generated>(GENERATE, { input: image() }, { apiKey })).body.data?.generate.status).toBe("QUEUED");
    const res = await admission.gql(GENERATE, { input: image() }, { apiKey });
    expect(res.status).toBe(429);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMIT", limit: "day" });
    const now = new Date();
    const untilMidnight = (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000;
    expect(Math.abs(Number(res.headers.get("retry-after")) - untilMidnight)).toBeLessThan(5);
    const me = await admission.gql<{ me: { usage: { generationsToday: number; running: number; queued: number } } }>(
      `{ me { usage { generationsToday running queued } } }`,
      {},
      { apiKey },
    );
    expect(me.body.data!.me.usage.generationsToday).toBe(3);
    expect(me.body.data!.me.usage.running + me.body.data!.me.usage.queued).toBeLessThanOrEqual(3);
  });

  // Concurrent requests of one account share transactions (group commit): each must still be judged on its own.
  it("admits exactly the day's allowance of 80 concurrent generations, each reserved once with its own balance", async () => {
    const { apiKey } = await account(admission, { rpm: 0, daily: 30, credits: 40, parallel: 100 });
    const results = await Promise.all(Array.from({ length: 80 }, (_, i) => admission.gql<Generated>(GENERATE, { input: image(`burst ${i}`) }, { apiKey })));
    const accepted = results.filter((r) => r.body.data?.generate);
    const refused = results.filter((r) => r.status === 429 && r.body.errors?.[0].extensions?.limit === "day");
    expect(accepted).toHaveLength(30);
    expect(refused).toHaveLength(50);
    expect(new Set(accepted.map((r) => r.body.data!.generate.id)).size).toBe(30);
    const res = await admission.gql<{ creditLedger: { nodes: { kind: string; amount: number; balanceAfter: number; generationId: string }[] } }>(
      `{ creditLedger(first: 100) { nodes { kind amount balanceAfter generationId } } }`,
      {},
      { apiKey },
    );
    const reserves = res.body.data!.creditLedger.nodes.filter((e) => e.kind === "RESERVE");
    expect(reserves.map((e) => e.generationId).sort()).toEqual(accepted.map((r) => r.body.data!.generate.id).sort());
    // One credit each, taken one after another: the balances after them are 39, 38, … 10, each exactly once.
    expect(reserves.map((e) => e.balanceAfter).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => 10 + i));
    const me = await admission.gql<{ me: { credits: { balance: number } } }>(`{ me { credits { balance } } }`, {}, { apiKey });
    expect(me.body.data!.me.credits.balance).toBe(10);
  });
});

describe("parallel generations", () => {
  it("runs one at a time on a 1-slot account, in order, and refuses beyond the bounded queue", async () => {
    const { apiKey } = await account(server, { rpm: 0, parallel: 1, credits: 10_000 });
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      // The first is a video that renders for at least its 8 s (the server's pace), so it is still running when the
      // 12th request comes (one finished frees a place); the ten queued behind it are quick images.
      const input = i === 0 ? { type: "VIDEO", input: { text: "slot 0" }, options: { duration: 8, resolution: "480p", fps: 12 } } : image(`slot ${i}`);
      const res = await server.gql<Generated>(GENERATE, { input }, { apiKey });
      ids.push(res.body.data!.generate.id);
    }
    const over = await server.gql(GENERATE, { input: image() }, { apiKey });
    expect(over.status).toBe(429);
    expect(over.body.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMIT", limit: "parallel_queue" });

    type Row = { id: string; status: string; startedAt: string | null; completedAt: string | null };
    let maxRunning = 0;
    for (;;) {
      const res = await server.gql<{ generations: { nodes: Row[] } }>(`{ generations(first: 20) { nodes { id status startedAt completedAt } } }`, {}, { apiKey });
      const nodes = res.body.data!.generations.nodes;
      maxRunning = Math.max(maxRunning, nodes.filter((n) => n.status === "PROCESSING").length);
      if (nodes.every((n) => n.status === "COMPLETED")) {
        const byStart = [...nodes].sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!)).map((n) => n.id);
        expect(byStart).toEqual(ids);
        const sorted = [...nodes].sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!));
        for (let i = 1; i < sorted.length; i++) expect(Date.parse(sorted[i].startedAt!)).toBeGreaterThanOrEqual(Date.parse(sorted[i - 1].completedAt!));
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(maxRunning).toBe(1);
  }, 300_000);
});

describe("credits", () => {
  it("rejects a cost above maxCost before reserving anything", async () => {
    const { apiKey } = await account(admission, { credits: 100 });
    const res = await admission.gql(GENERATE, { input: { type: "VIDEO", input: { text: "x" }, options: { duration: 10, resolution: "1080p" }, maxCost: 5 } }, { apiKey });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: "maxCost", required: 6, maxCost: 5 });
    expect(await ledger(admission, apiKey)).toEqual([expect.objectContaining({ kind: "TOP_UP", amount: 100 })]);
  });

  it("says how many credits are required and available", async () => {
    const { apiKey } = await account(admission, { credits: 3 });
    await admission.gql(GENERATE, { input: { type: "VIDEO", input: { text: "x" }, options: { duration: 2, resolution: "480p" } } }, { apiKey });
    const res = await admission.gql(GENERATE, { input: { type: "VIDEO", input: { text: "x" }, options: { duration: 2, resolution: "480p" } } }, { apiKey });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: "INSUFFICIENT_CREDITS", required: 2, available: 1 });
    // The status the error table (and the landing page) gives it is the one the API sends.
    expect(res.status).toBe(ERROR_CODES.INSUFFICIENT_CREDITS.status);
  });

  it("refunds a failed generation exactly once", async () => {
    const { apiKey } = await account(server, { credits: 10 });
    // An avatar portrait that is not an image makes the local provider fail when it loads its inputs.
    const res = await server.gql<Generated>(GENERATE, { input: { type: "AVATAR", input: { text: "Hi", image: "data:image/png;base64,AAAAAAAA" } } }, { apiKey });
    const g = await waitForGeneration(server, apiKey, res.body.data!.generate.id);
    expect(g).toMatchObject({ status: "FAILED", errorCode: "INVALID_INPUT", error: { message: expect.stringMatching(/image/i) } });
    const me = await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(`{ me { credits { balance reserved } } }`, {}, { apiKey });
    expect(me.body.data!.me.credits).toEqual({ balance: 10, reserved: 0 });
    const entries = (await ledger(server, apiKey)).filter((e) => e.generationId === g.id);
    expect(entries.map((e) => e.kind).sort()).toEqual(["RELEASE", "RESERVE"]);
  });

  it("refunds a cancelled generation exactly once, however often it is cancelled", async () => {
    const { apiKey } = await account(server, { credits: 50 });
    const res = await server.gql<Generated>(GENERATE, { input: { type: "VIDEO", input: { text: "cancel me" }, options: { duration: 20 } } }, { apiKey });
    const id = res.body.data!.generate.id;
    const cancels = await Promise.all(
      Array.from({ length: 5 }, () => server.gql<{ cancelGeneration: boolean }>(`mutation($id: ID!) { cancelGeneration(id: $id) }`, { id }, { apiKey })),
    );
    expect(cancels.filter((c) => c.body.data?.cancelGeneration === true)).toHaveLength(1);
    const entries = (await ledger(server, apiKey)).filter((e) => e.generationId === id);
    expect(entries.map((e) => e.kind).sort()).toEqual(["RELEASE", "RESERVE"]);
    const me = await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(`{ me { credits { balance reserved } } }`, {}, { apiKey });
    expect(me.body.data!.me.credits).toEqual({ balance: 50, reserved: 0 });
  });

  it("settles every generation once when cancels race with starts and completions", async () => {
    const { apiKey } = await account(server, { credits: 1_000, rpm: 0, parallel: 4 });
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => server.gql<Generated>(GENERATE, { input: image(`race-cancel ${i}`) }, { apiKey })));
    const ids = created.map((r) => r.body.data!.generate.id);
    const cancels = await Promise.all(ids.map((id) => server.gql<{ cancelGeneration: boolean }>(`mutation($id: ID!) { cancelGeneration(id: $id) }`, { id }, { apiKey })));
    expect(cancels.map((c) => c.body.errors ?? [])).toEqual(ids.map(() => []));
    const finals = await Promise.all(ids.map((id) => waitForGeneration(server, apiKey, id)));
    const spent = finals.filter((g) => g.status === "COMPLETED").length;
    expect(finals.filter((g) => g.status === "CANCELLED")).toHaveLength(cancels.filter((c) => c.body.data?.cancelGeneration).length);
    const me = await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(`{ me { credits { balance reserved } } }`, {}, { apiKey });
    expect(me.body.data!.me.credits).toEqual({ balance: 1_000 - spent, reserved: 0 });
  });

  it("accepts exactly as many of 200 concurrent generations as the credits cover", async () => {
    const { apiKey } = await account(admission, { credits: 50, rpm: 0, parallel: 100 });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => admission.gql<Generated>(GENERATE, { input: image(`race ${i}`) }, { apiKey })));
    const accepted = results.filter((r) => r.body.data?.generate);
    const refused = results.filter((r) => r.body.errors?.[0].extensions?.code === "INSUFFICIENT_CREDITS");
    const other = results.filter((r) => !r.body.data?.generate && r.body.errors?.[0].extensions?.code !== "INSUFFICIENT_CREDITS");
    expect(other.map((r) => [r.status, r.body.errors?.[0]])).toEqual([]);
    expect(accepted).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(refused[0].body.errors?.[0].extensions).toMatchObject({ required: 1, available: 0 });
    const me = await admission.gql<{ me: { credits: { balance: number; reserved: number } } }>(`{ me { credits { balance reserved } } }`, {}, { apiKey });
    expect(me.body.data!.me.credits.balance).toBe(0);
    expect(me.body.data!.me.credits.balance + me.body.data!.me.credits.reserved).toBeLessThanOrEqual(50);
  });
});

describe("idempotency", () => {
  it("turns 20 simultaneous duplicates into one generation and one reservation", async () => {
    const { apiKey } = await account(admission, { credits: 100, rpm: 0 });
    const headers = { "Idempotency-Key": "order-42" };
    const results = await Promise.all(Array.from({ length: 20 }, () => admission.gql<Generated>(GENERATE, { input: image("once") }, { apiKey, headers })));
    expect(results.filter((r) => r.body.errors).map((r) => r.body.errors)).toEqual([]);
    const ids = new Set(results.map((r) => r.body.data?.generate.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(19);
    const entries = await ledger(admission, apiKey);
    expect(entries.filter((e) => e.kind === "RESERVE")).toHaveLength(1);
  });

  it("answers IDEMPOTENCY_CONFLICT for the same key with a different request, per account", async () => {
    const a = await account(admission, { rpm: 0 });
    const b = await account(admission, { rpm: 0 });
    const headers = { "Idempotency-Key": "shared-key" };
    const first = await admission.gql<Generated>(GENERATE, { input: image("first") }, { apiKey: a.apiKey, headers });
    const conflict = await admission.gql(GENERATE, { input: image("second") }, { apiKey: a.apiKey, headers });
    expect(conflict.body.errors?.[0].extensions).toMatchObject({ code: "IDEMPOTENCY_CONFLICT", generationId: first.body.data!.generate.id });
    const other = await admission.gql<Generated>(GENERATE, { input: image("second") }, { apiKey: b.apiKey, headers });
    expect(other.body.data?.generate.id).not.toBe(first.body.data!.generate.id);
  });

  it("does not store a key whose request failed validation, and accepts the key in the input too", async () => {
    const { apiKey } = await account(admission, { rpm: 0 });
    const bad = await admission.gql(GENERATE, { input: { ...image(), options: { resolution: "9000p" }, idempotencyKey: "fix-and-retry" } }, { apiKey });
    expect(bad.body.errors?.[0].extensions?.code).toBe("INVALID_INPUT");
    const good = await admission.gql<Generated>(GENERATE, { input: { ...image(), idempotencyKey: "fix-and-retry" } }, { apiKey });
    expect(good.body.data?.generate.status).toBe("QUEUED");
    const again = await admission.gql<Generated>(GENERATE, { input: { ...image(), idempotencyKey: "fix-and-retry" } }, { apiKey });
    expect(again.body.data?.generate.id).toBe(good.body.data!.generate.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("rejects keys longer than 255 characters", async () => {
    const { apiKey } = await account(admission, { rpm: 0 });
    const res = await admission.gql(GENERATE, { input: image() }, { apiKey, headers: { "Idempotency-Key": "k".repeat(256) } });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: "idempotencyKey" });
  });
});
