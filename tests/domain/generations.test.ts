import { db, inlineSteps, money, newAccount } from "../helpers/domain";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAccountUsage } from "@/lib/accounts/get-account-overview";
import { setAccountLimits } from "@/lib/accounts/set-account-limits";
import { authenticateApiKeyOrThrow } from "@/lib/auth/api-keys";
import { setApiKeyLimits } from "@/lib/keys/set-api-key-limits";
import { cancelGeneration } from "@/lib/generations/cancel-generation";
import { createGeneration } from "@/lib/generations/create-generation";
import { cancelIfPastDeadline } from "@/lib/generations/expire-deadlines";
import { estimateGeneration } from "@/lib/generations/estimate-generation";
import { planGeneration } from "@/lib/generations/plan-generation";
import { failGeneration, runGeneration } from "@/lib/generations/run-generation";
import { klingAdapter } from "@/lib/providers/kling/adapter";
import { runwayAdapter } from "@/lib/providers/runway/adapter";
import { liveVendorEnv, startVendorFake, type VendorHarness } from "../helpers/vendor";

// The generation verbs without a server: plan (provider, cost, routing), accept (limits, reservation, idempotency),
// run (the workflow through a StepRunner), reroute (fallback after a vendor refused), cancel. What a client sees
// over HTTP for the same requests is in tests/integration (api-contract, limits, routing).
const IMAGE = { type: "IMAGE", input: { text: "A lighthouse at dusk" }, options: { resolution: "480p" } };

let kling: VendorHarness;
let runway: VendorHarness;
let image: string;

beforeAll(async () => {
  [kling, runway] = await Promise.all([startVendorFake(klingAdapter, 100), startVendorFake(runwayAdapter, 100)]);
  // Vendor credentials are read when used (lib/env.ts vendorSetting), so setting them here is enough.
  Object.assign(process.env, liveVendorEnv(kling, runway));
  const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: "#456" } })
    .png()
    .toBuffer();
  image = `data:image/png;base64,${png.toString("base64")}`;
});
afterAll(async () => {
  for (const name of Object.keys(liveVendorEnv(kling, runway))) if (name !== "DOITONG_VENDOR_TIME_SCALE") delete process.env[name];
  await Promise.all([kling?.close(), runway?.close()]);
});

describe("plan", () => {
  it("ranks every capable provider for the priority and explains the choice and each exclusion", async () => {
    const plan = await planGeneration({ type: "VIDEO", priority: "QUALITY", input: { text: "a calm lake", image } });
    expect(plan.provider.id).toBe("kling"); // QUALITY: Kling 90 > Runway 86 among the configured ones
    const byId = Object.fromEntries(plan.routing.candidates.map((c) => [c.provider, c]));
    expect(byId.runway.score).toBeGreaterThan(0);
    expect(byId.veo).toMatchObject({ score: null, reason: expect.stringContaining("GOOGLE_VERTEX_PROJECT") });
    expect(plan.creditCost).toBeGreaterThan(0);
  });

  it("refuses a named provider that is not configured, naming its credential, and an unknown option's field", async () => {
    await expect(planGeneration({ type: "VIDEO", provider: "luma", input: { text: "x" } })).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      message: expect.stringContaining("LUMA"),
    });
    await expect(planGeneration({ type: "IMAGE", input: { text: "" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("estimates what generate would reserve, reserving nothing", async () => {
    const { accountId, caller } = await newAccount({ credits: 100 });
    const estimate = await estimateGeneration(caller, IMAGE);
    const { generation } = await createGeneration(caller, IMAGE);
    expect(estimate.creditCost).toBe(generation.creditCost);
    expect((await money(accountId)).ledger.filter((e) => e.kind === "RESERVE")).toHaveLength(1);
  });
});

describe("accept", () => {
  it("records the generation QUEUED and moves its cost from balance to reserved, with a RESERVE entry", async () => {
    const { accountId, caller } = await newAccount({ credits: 100 });
    const { generation, replayed } = await createGeneration(caller, IMAGE);
    expect(replayed).toBe(false);
    expect(generation).toMatchObject({ status: "QUEUED", provider: "local", accountId });
    expect(await money(accountId)).toMatchObject({ balance: 100 - generation.creditCost, reserved: generation.creditCost });
    expect((await money(accountId)).ledger.at(-1)).toEqual({ kind: "RESERVE", amount: -generation.creditCost, generationId: generation.id });
  });

  // The admission writes with its own SQL (lib/generations/admit-directly.ts): what it returns is what Prisma reads
  // back — timestamps in UTC whatever the process's zone, the vendor cost a Decimal, JSON parsed, defaults filled.
  it("returns the accepted generation exactly as it was stored", async () => {
    const { caller } = await newAccount({ credits: 100 });
    const deadline = new Date(Date.now() + 3_600_000);
    const { generation } = await createGeneration(caller, { ...IMAGE, deadline: deadline.toISOString(), retention: "1h" });
    const stored = await (await db()).generation.findUniqueOrThrow({ where: { id: generation.id } });
    expect(generation).toEqual(stored);
    expect(generation.deadline).toEqual(deadline);
    expect(generation.retentionSeconds).toBe(3600);
  });

  it("refuses a generation the balance does not cover, saying what it costs and what is available, reserving nothing", async () => {
    const { accountId, caller } = await newAccount({ credits: 0 });
    await expect(createGeneration(caller, IMAGE)).rejects.toMatchObject({ code: "INSUFFICIENT_CREDITS", details: { available: 0, required: expect.any(Number) } });
    expect(await money(accountId)).toEqual({ balance: 0, reserved: 0, ledger: [] });
  });

  it("never reserves for a test key's generation", async () => {
    const { accountId, caller } = await newAccount({ credits: 0, keyMode: "TEST" });
    const { generation } = await createGeneration(caller, IMAGE);
    expect(generation).toMatchObject({ status: "QUEUED", mode: "TEST" });
    expect(await money(accountId)).toEqual({ balance: 0, reserved: 0, ledger: [] });
  });

  it("replays the same Idempotency-Key and request, and refuses the key with another request", async () => {
    const { accountId, caller } = await newAccount({ credits: 100 });
    const first = await createGeneration(caller, IMAGE, { idempotencyKey: "order-1" });
    const again = await createGeneration(caller, IMAGE, { idempotencyKey: "order-1" });
    expect(again).toEqual({ generation: expect.objectContaining({ id: first.generation.id }), replayed: true });
    await expect(createGeneration(caller, { ...IMAGE, input: { text: "Another" } }, { idempotencyKey: "order-1" })).rejects.toMatchObject({
      code: "IDEMPOTENCY_CONFLICT",
      details: { field: "idempotencyKey", generationId: first.generation.id },
    });
    expect((await money(accountId)).ledger.filter((e) => e.kind === "RESERVE")).toHaveLength(1);
  });

  // Simultaneous requests are batched per account and judged under the account's lock (accept-generations.ts): the
  // day limit and the queue bound hold exactly however many arrive at once, counting what was accepted before.
  it("holds a test key's simultaneous requests to the day limit exactly, counting those accepted earlier", async () => {
    const { accountId, caller } = await newAccount({ credits: 0, keyMode: "TEST", limits: { daily: 5 } });
    for (let i = 0; i < 2; i++) await createGeneration(caller, IMAGE);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => createGeneration(caller, IMAGE)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results.filter((r) => r.status === "rejected")) expect(r.reason).toMatchObject({ code: "RATE_LIMIT", details: { limit: "day" } });
    expect(await (await db()).generation.count({ where: { accountId } })).toBe(5);
    await expect(createGeneration(caller, IMAGE)).rejects.toMatchObject({ code: "RATE_LIMIT", details: { limit: "day" } });
  });

  // The day's count is kept on the account row by the insert (Account.generationsToday), not counted: yesterday's
  // count must not hold today's requests, and today's must match what was made, including a batch's.
  it("starts the day limit afresh on a new UTC day, and counts today's generations as they are made", async () => {
    const { accountId, caller } = await newAccount({ credits: 0, keyMode: "TEST", limits: { daily: 3 } });
    const client = await db();
    const yesterday = new Date(Date.now() - 86_400_000);
    await client.account.update({ where: { id: accountId }, data: { generationsToday: 3, generationsTodayDate: yesterday } });
    await createGeneration(caller, IMAGE);
    const results = await Promise.allSettled([createGeneration(caller, IMAGE), createGeneration(caller, IMAGE), createGeneration(caller, IMAGE)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    // What the dashboard's "used today" shows (me.usage), read from that count.
    expect((await getAccountUsage(caller)).generationsToday).toBe(3);
    await expect(createGeneration(caller, IMAGE)).rejects.toMatchObject({ code: "RATE_LIMIT", details: { limit: "day" } });
  });

  it("holds a test key's simultaneous requests to the queue bound exactly, and admits again once one is cancelled", async () => {
    // One parallel slot: 1 running + 10 queued may wait (QUEUE_PER_SLOT).
    const { accountId, caller } = await newAccount({ credits: 0, keyMode: "TEST", limits: { parallel: 1 } });
    const results = await Promise.allSettled(Array.from({ length: 14 }, () => createGeneration(caller, IMAGE)));
    const accepted = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.generation] : []));
    expect(accepted).toHaveLength(11);
    for (const r of results.filter((r) => r.status === "rejected")) expect(r.reason).toMatchObject({ code: "RATE_LIMIT", details: { limit: "parallel_queue" } });
    await cancelGeneration(caller, accepted[0].id);
    const [again, refused] = await Promise.allSettled([createGeneration(caller, IMAGE), createGeneration(caller, IMAGE)]);
    expect([again.status, refused.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(await (await db()).generation.count({ where: { accountId, status: "QUEUED" } })).toBe(11);
  });

  // The queue bound reads the account row's count of queued and running generations (Account.activeGenerations),
  // not the queue: every way out of the queue must lower it (a trigger does, migration 20261207160000), or the bound
  // would fill with generations long finished.
  it("frees a queue place for every generation that completes, fails, is cancelled or passes its deadline", async () => {
    const { accountId, caller } = await newAccount({ credits: 1_000, limits: { parallel: 1 } });
    const client = await db();
    const active = async () => (await client.account.findUniqueOrThrow({ where: { id: accountId } })).activeGenerations;
    const made = await Promise.all(
      Array.from({ length: 11 }, (_, i) => createGeneration(caller, i === 0 ? { ...IMAGE, deadline: new Date(Date.now() + 60_000).toISOString() } : IMAGE)),
    );
    expect(await active()).toBe(11);
    await expect(createGeneration(caller, IMAGE)).rejects.toMatchObject({ code: "RATE_LIMIT", details: { limit: "parallel_queue" } });
    const [expiring, completing, failing, cancelling] = made.map((m) => m.generation.id);
    const exits = [
      () => client.$transaction((tx) => cancelIfPastDeadline(tx, expiring, new Date(Date.now() + 120_000))),
      () => runGeneration(completing, inlineSteps),
      () => failGeneration(failing, new Error("the vendor lost it")),
      () => cancelGeneration(caller, cancelling),
    ];
    for (const exit of exits) {
      await exit();
      // The place is free at once, and taken again by the next request: the row's count matches the queue.
      expect(await active()).toBe(10);
      await createGeneration(caller, IMAGE);
      await expect(createGeneration(caller, IMAGE)).rejects.toMatchObject({ code: "RATE_LIMIT", details: { limit: "parallel_queue" } });
    }
    expect(await active()).toBe(await client.generation.count({ where: { accountId, status: { in: ["QUEUED", "PROCESSING"] } } }));
    const usage = await getAccountUsage(caller);
    expect(usage.running + usage.queued).toBe(11);
  });

  // A refusal by the queue bound is decided by an exact count, which mends a row's count that is wrong (left by a
  // version that did not keep it, during an upgrade).
  it("admits a request that a stale count on the account row would refuse, and mends the count", async () => {
    const { accountId, caller } = await newAccount({ credits: 0, keyMode: "TEST", limits: { parallel: 1 } });
    const client = await db();
    await createGeneration(caller, IMAGE);
    await client.account.update({ where: { id: accountId }, data: { activeGenerations: 11 } });
    await createGeneration(caller, IMAGE);
    expect((await client.account.findUniqueOrThrow({ where: { id: accountId } })).activeGenerations).toBe(2);
  });

  // After an account's first admission on an instance, the next ones are written in one statement guarded by the
  // terms that admission read (admit-directly.ts, admitAtOnce): a change of those terms must hold at once.
  it("holds limits and key caps set since the account's last admission, at once", async () => {
    const { accountId, apiKey, caller } = await newAccount({ credits: 1_000 });
    const { generation } = await createGeneration(caller, IMAGE);
    await setAccountLimits(accountId, { daily: 2 });
    await createGeneration(caller, IMAGE);
    await expect(createGeneration(caller, IMAGE)).rejects.toMatchObject({ code: "RATE_LIMIT", details: { limit: "day" } });
    await setAccountLimits(accountId, { daily: 0 });
    await createGeneration(caller, IMAGE);
    // A cap the key has already spent (its three reservations so far).
    await setApiKeyLimits({ accountId, apiKeyId: null }, caller.apiKeyId, { spendCap: generation.creditCost * 3, spendPeriod: "TOTAL" });
    const capped = await authenticateApiKeyOrThrow(await db(), apiKey);
    await expect(createGeneration(capped, IMAGE)).rejects.toMatchObject({ code: "INSUFFICIENT_CREDITS", details: { scope: "key" } });
    expect(await (await db()).generation.count({ where: { accountId } })).toBe(3);
  });

  // PGlite never gathers statistics, and PostgreSQL's autovacuum gathers them only some time after a table fills.
  // Without them, the runner's index on (accountId, mode, startedAt) looked as cheap as the key's unique index, and
  // cheaper once the keys are long: the lookup read every started generation of the account (~60-90 ms each at
  // 8,500 of them under load, with 40-character keys). Keys here are 128 hex characters, a SHA-512 of an order.
  it("finds an Idempotency-Key by reading one row however many generations the account has, with or without statistics", async () => {
    const { accountId, caller } = await newAccount({ credits: 100 });
    const client = await db();
    await client.$executeRawUnsafe(
      `INSERT INTO "Generation" (id, "accountId", type, provider, status, input, options, "creditCost", "estimatedTime", "updatedAt", "startedAt", "completedAt", "idempotencyKey")
       SELECT 'earlier-' || n, $1, 'IMAGE', 'local', 'COMPLETED', '{}', '{}', 1, 5, now(), now() - n * interval '1 second', now(), repeat(md5(n::text), 4)
       FROM generate_series(1, 3000) n`,
      accountId,
    );
    const needle = "f".repeat(128);
    const { generation } = await createGeneration(caller, IMAGE, { idempotencyKey: needle });
    // The lookup's WHERE as Prisma writes it for findUnique (create-generation.ts); the plan depends on nothing else.
    const rowsRead = async () => {
      const [row] = await client.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
        `EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM "Generation" WHERE "accountId" = $1 AND mode = 'LIVE' AND "idempotencyKey" = $2 LIMIT 1`,
        accountId,
        needle,
      );
      const plan = row["QUERY PLAN"];
      let read = 0;
      const walk = (node: Record<string, unknown>): void => {
        if (String(node["Node Type"]).includes("Scan")) read += Number(node["Actual Rows"]) + Number(node["Rows Removed by Filter"] ?? 0);
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      walk((typeof plan === "string" ? JSON.parse(plan) : plan)[0].Plan);
      return read;
    };
    expect(await rowsRead()).toBe(1);
    await client.$executeRawUnsafe(`ANALYZE "Generation"`);
    expect(await rowsRead()).toBe(1);
    expect(await createGeneration(caller, IMAGE, { idempotencyKey: needle })).toMatchObject({ generation: { id: generation.id }, replayed: true });
  });

  it("turns simultaneous duplicates into one generation and one reservation", async () => {
    const { accountId, caller } = await newAccount({ credits: 100 });
    const results = await Promise.all(Array.from({ length: 10 }, () => createGeneration(caller, IMAGE, { idempotencyKey: "burst" })));
    expect(new Set(results.map((r) => r.generation.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await money(accountId)).ledger.filter((e) => e.kind === "RESERVE")).toHaveLength(1);
  });
});

describe("run", () => {
  it("completes a generation with its media and charges exactly what was reserved", async () => {
    const { accountId, caller } = await newAccount({ credits: 100 });
    const { generation } = await createGeneration(caller, IMAGE);
    await runGeneration(generation.id, inlineSteps);
    const done = await (await db()).generation.findUniqueOrThrow({ where: { id: generation.id } });
    expect(done).toMatchObject({ status: "COMPLETED", progress: 100, storageKey: expect.any(String) });
    expect(done.metadata).toMatchObject({ format: "png" });
    expect(await money(accountId)).toMatchObject({ balance: 100 - generation.creditCost, reserved: 0 });
    expect((await money(accountId)).ledger.map((e) => e.kind)).toEqual(["TOP_UP", "RESERVE", "CHARGE"]);
  });

  it("falls back to the next candidate when the chosen vendor refuses, charging only the one that delivered", async () => {
    kling.fake.intercept = (req) => (req.method === "POST" ? { status: 503, json: { code: 5001, message: "Service temporarily unavailable", request_id: "r1" } } : undefined);
    try {
      const { accountId, caller } = await newAccount({ credits: 1_000 });
      const { generation } = await createGeneration(caller, { type: "VIDEO", priority: "QUALITY", input: { text: "a windy field", image } });
      expect(generation.provider).toBe("kling");
      await runGeneration(generation.id, inlineSteps);
      const done = await (await db()).generation.findUniqueOrThrow({ where: { id: generation.id } });
      expect(done).toMatchObject({ status: "COMPLETED", provider: "runway" });
      const after = await money(accountId);
      expect(after).toMatchObject({ balance: 1_000 - done.creditCost, reserved: 0 });
      expect(after.ledger.map((e) => e.kind)).toEqual(["TOP_UP", "RESERVE", "CHARGE"]);
    } finally {
      kling.fake.intercept = undefined;
    }
  });

  it("fails for good when no candidate is left, releasing the reservation once", async () => {
    kling.fake.intercept = runway.fake.intercept = (req) => (req.method === "POST" ? { status: 503, json: { message: "down" } } : undefined);
    try {
      const { accountId, caller } = await newAccount({ credits: 1_000 });
      const { generation } = await createGeneration(caller, { type: "VIDEO", priority: "QUALITY", input: { text: "nobody home", image } });
      await runGeneration(generation.id, inlineSteps);
      const done = await (await db()).generation.findUniqueOrThrow({ where: { id: generation.id } });
      expect(done).toMatchObject({ status: "FAILED", errorCode: "PROVIDER_UNAVAILABLE" });
      expect(await money(accountId)).toMatchObject({ balance: 1_000, reserved: 0 });
      expect((await money(accountId)).ledger.map((e) => e.kind)).toEqual(["TOP_UP", "RESERVE", "RELEASE"]);
    } finally {
      kling.fake.intercept = runway.fake.intercept = undefined;
    }
  });
});

describe("cancel", () => {
  it("cancels a queued generation and releases its credits exactly once, however often it is cancelled", async () => {
    const { accountId, caller } = await newAccount({ credits: 100 });
    const { generation } = await createGeneration(caller, IMAGE);
    const outcomes = await Promise.all([cancelGeneration(caller, generation.id), cancelGeneration(caller, generation.id), cancelGeneration(caller, generation.id)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await money(accountId)).toMatchObject({ balance: 100, reserved: 0 });
    expect((await money(accountId)).ledger.map((e) => e.kind)).toEqual(["TOP_UP", "RESERVE", "RELEASE"]);
    // A cancelled generation is not run.
    await runGeneration(generation.id, inlineSteps);
    expect((await (await db()).generation.findUniqueOrThrow({ where: { id: generation.id } })).status).toBe("CANCELLED");
  });

  it("is NOT_FOUND for another account's generation", async () => {
    const owner = await newAccount();
    const stranger = await newAccount();
    const { generation } = await createGeneration(owner.caller, IMAGE);
    await expect(cancelGeneration(stranger.caller, generation.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
