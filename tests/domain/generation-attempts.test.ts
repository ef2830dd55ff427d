import { askApi, db, inlineSteps, newAccount } from "../helpers/domain";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import sharp from "sharp";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, pgliteExecutor } from "@/lib/db/migrate";
import { createGeneration } from "@/lib/generations/create-generation";
import { listAttemptViews } from "@/lib/generations/generation-attempts";
import { readStepOutput } from "@/lib/generations/generation-json";
import { runGeneration } from "@/lib/generations/run-generation";
import { FollowOutcomeSchema, RerouteOutcomeSchema, StartOutcomeSchema, SubmitOutcomeSchema } from "@/lib/generations/step-outcomes";
import { klingAdapter } from "@/lib/providers/kling/adapter";
import { runwayAdapter } from "@/lib/providers/runway/adapter";
import { liveVendorEnv, startVendorFake, type VendorHarness } from "../helpers/vendor";
import { emptyPgliteDump } from "../helpers/pglite-template";

// The attempt log (GenerationAttempt: one row per provider tried) and the request kept for re-planning, as the
// workflow writes them and as the migration carries over rows written before they were tables and columns.
const IMAGE = { type: "IMAGE", input: { text: "A lighthouse at dusk" }, options: { resolution: "480p" } };

let kling: VendorHarness;
let runway: VendorHarness;
let image: string;

beforeAll(async () => {
  [kling, runway] = await Promise.all([startVendorFake(klingAdapter, 100), startVendorFake(runwayAdapter, 100)]);
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

describe("attempts", () => {
  it("records one attempt for a generation its first provider made: provider, model, price, times, succeeded", async () => {
    const { caller } = await newAccount({ credits: 100 });
    const { generation } = await createGeneration(caller, IMAGE);
    expect(await (await db()).generationAttempt.count({ where: { generationId: generation.id } })).toBe(0);
    await runGeneration(generation.id, inlineSteps);
    const attempts = await (await db()).generationAttempt.findMany({ where: { generationId: generation.id } });
    expect(attempts).toEqual([
      expect.objectContaining({
        number: 1,
        provider: "local",
        model: expect.any(String),
        status: "SUCCEEDED",
        errorCode: null,
        creditCost: generation.creditCost,
        startedAt: expect.any(Date),
        endedAt: expect.any(Date),
      }),
    ]);
    // What the API shows (Generation.attempts), as before the table: the status in lower case.
    expect(await listAttemptViews(generation.id)).toEqual([expect.objectContaining({ provider: "local", status: "succeeded", errorCode: null })]);
  });

  it("shows each generation's attempts in a page of generations over GraphQL (loaded for the page at once)", async () => {
    const { caller, apiKey } = await newAccount({ credits: 100 });
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await createGeneration(caller, IMAGE)).generation);
    for (const g of made.slice(0, 2)) await runGeneration(g.id, inlineSteps);
    const { body } = await askApi<{ generations: { nodes: { id: string; attempts: { provider: string; status: string }[] }[] } }>(
      apiKey,
      `{ generations { nodes { id attempts { provider status } } } }`,
    );
    const byId = Object.fromEntries(body.data!.generations.nodes.map((n) => [n.id, n.attempts]));
    expect(byId).toEqual({
      [made[0].id]: [{ provider: "local", status: "succeeded" }],
      [made[1].id]: [{ provider: "local", status: "succeeded" }],
      [made[2].id]: [],
    });
  });

  it("records both providers of a rerouted generation, the refusal first, with the vendor's task on the one that ran it", async () => {
    kling.fake.intercept = (req) => (req.method === "POST" ? { status: 503, json: { code: 5001, message: "Service temporarily unavailable", request_id: "r1" } } : undefined);
    try {
      const { caller } = await newAccount({ credits: 1_000 });
      const { generation } = await createGeneration(caller, { type: "VIDEO", priority: "QUALITY", input: { text: "a windy field", image }, options: { duration: 5 } });
      expect(generation).toMatchObject({ provider: "kling", requestOptions: { duration: 5 }, strict: false, maxCost: null });
      await runGeneration(generation.id, inlineSteps);
      const done = await (await db()).generation.findUniqueOrThrow({ where: { id: generation.id } });
      expect(done).toMatchObject({ status: "COMPLETED", provider: "runway" });
      const attempts = await (await db()).generationAttempt.findMany({ where: { generationId: generation.id }, orderBy: { number: "asc" } });
      expect(attempts).toEqual([
        expect.objectContaining({ number: 1, provider: "kling", status: "REFUSED", errorCode: "PROVIDER_UNAVAILABLE", vendorTaskId: null, endedAt: expect.any(Date) }),
        expect.objectContaining({ number: 2, provider: "runway", status: "SUCCEEDED", errorCode: null, vendorTaskId: done.vendorTaskId, creditCost: done.creditCost }),
      ]);
      expect(attempts[1].vendorTaskId).toEqual(expect.any(String));
      expect((await listAttemptViews(generation.id)).map((a) => `${a.provider} ${a.status}`)).toEqual(["kling refused", "runway succeeded"]);
    } finally {
      kling.fake.intercept = undefined;
    }
  });

  it("does not start, and memoises nothing, while the account's only slot is taken", async () => {
    const { caller } = await newAccount({ credits: 100, limits: { parallel: 1 } });
    const first = (await createGeneration(caller, IMAGE)).generation;
    const second = (await createGeneration(caller, IMAGE)).generation;
    await (await db()).generation.update({ where: { id: first.id }, data: { status: "PROCESSING" } });
    expect(await runGeneration(second.id, inlineSteps)).toEqual({ kind: "slot_busy", reason: expect.stringContaining("parallel") });
    const steps: string[] = [];
    const recording = { run: <T>(name: string, fn: () => Promise<T>) => (steps.push(name), fn()) };
    expect(await runGeneration(second.id, recording)).toMatchObject({ kind: "slot_busy" });
    expect(await (await db()).generation.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "QUEUED" });
    expect(await (await db()).generationAttempt.count({ where: { generationId: second.id } })).toBe(0);
    expect(steps).toEqual(["start"]);
  });
});

describe("migration 20261205213000_generation_attempts", () => {
  const MIGRATION = "20261205213000_generation_attempts";
  const all = join(process.cwd(), "prisma/migrations");
  let dir: string;
  let pglite: PGlite;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "doitong-attempts-migration-"));
    cpSync(join(all, "migration_lock.toml"), join(dir, "migration_lock.toml"));
    for (const name of readdirSync(all).filter((n) => n < MIGRATION && /^\d/.test(n))) cpSync(join(all, name), join(dir, name), { recursive: true });
    pglite = await PGlite.create({ loadDataDir: await emptyPgliteDump() });
  });
  afterAll(async () => {
    await pglite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies each stored attempt into a row, moves routing.request to its columns and tags stored step results", async () => {
    const sql = pgliteExecutor(pglite);
    await applyMigrations(sql, dir);
    await sql.query(`INSERT INTO "Account" (id, email, "updatedAt") VALUES ('acct_old', 'old@example.com', now())`);
    const routing = {
      priority: "QUALITY",
      qualityVersion: "2026-11",
      candidates: [
        { provider: "kling", score: 0.9, reason: "best" },
        { provider: "runway", score: 0.86, reason: "next" },
      ],
      chosen: "runway",
      reason: "fell back to runway",
      request: { options: { duration: 5 }, providerOptions: { kling: { mode: "pro" } }, strict: true, maxCost: 400 },
    };
    const attempts = [
      { provider: "kling", status: "refused", errorCode: "PROVIDER_UNAVAILABLE", message: "down", startedAt: "2026-12-01T10:00:00.000Z", endedAt: "2026-12-01T10:00:01.500Z" },
      { provider: "runway", status: "running", errorCode: null, startedAt: "2026-12-01T10:00:02.000Z", endedAt: null },
    ];
    await sql.query(
      `INSERT INTO "Generation" (id, "accountId", type, provider, status, input, options, routing, attempts, "vendorTaskId", "creditCost", "estimatedTime", "updatedAt")
       VALUES ('gen_old', 'acct_old', 'VIDEO', 'runway', 'PROCESSING', '{"text":"x"}', '{}', $1, $2, 'task-9', 120, 60, now()),
              ('gen_plain', 'acct_old', 'IMAGE', 'local', 'COMPLETED', '{"text":"y"}', '{}', NULL, NULL, NULL, 1, 5, now())`,
      [JSON.stringify(routing), JSON.stringify(attempts)],
    );
    const memo = (name: string, output: unknown) =>
      sql.query(`INSERT INTO "GenerationStep" ("generationId", name, output) VALUES ('gen_old', $1, $2)`, [name, JSON.stringify(output)]);
    await memo("start", { proceed: true });
    await memo("submit", { failure: { code: "PROVIDER_UNAVAILABLE", message: "down", fallback: true } });
    await memo("reroute", { rerouted: true, provider: "runway" });
    await memo("submit#2", { task: { id: "task-9" }, lost: [] });
    await memo("follow#2", { pending: { waitMs: 5000 } });

    expect((await applyMigrations(sql, join(process.cwd(), "prisma/migrations"))).applied).toContain(MIGRATION);

    const rows = (await sql.query(`SELECT * FROM "GenerationAttempt" ORDER BY "generationId", number`)).rows;
    expect(rows).toEqual([
      expect.objectContaining({ generationId: "gen_old", number: 1, provider: "kling", status: "REFUSED", errorCode: "PROVIDER_UNAVAILABLE", message: "down", vendorTaskId: null }),
      expect.objectContaining({ generationId: "gen_old", number: 2, provider: "runway", status: "RUNNING", errorCode: null, vendorTaskId: "task-9", endedAt: null }),
    ]);
    const times = (
      await sql.query<{ started: string; ended: string | null }>(
        `SELECT to_char("startedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS started, to_char("endedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS ended FROM "GenerationAttempt" ORDER BY number`,
      )
    ).rows;
    expect(times).toEqual([
      { started: "2026-12-01T10:00:00.000", ended: "2026-12-01T10:00:01.500" },
      { started: "2026-12-01T10:00:02.000", ended: null },
    ]);
    const generations = (await sql.query(`SELECT id, routing, "requestOptions", "providerOptions", strict, "maxCost" FROM "Generation" ORDER BY id`)).rows;
    const { request: _request, ...routingWithoutRequest } = routing;
    expect(generations).toEqual([
      { id: "gen_old", routing: routingWithoutRequest, requestOptions: { duration: 5 }, providerOptions: { kling: { mode: "pro" } }, strict: true, maxCost: 400 },
      { id: "gen_plain", routing: null, requestOptions: null, providerOptions: null, strict: false, maxCost: null },
    ]);
    const steps = (await sql.query<{ name: string; output: unknown }>(`SELECT name, output FROM "GenerationStep" ORDER BY name`)).rows;
    expect(Object.fromEntries(steps.map((s) => [s.name, s.output]))).toEqual({
      start: { kind: "started" },
      submit: { kind: "failed", code: "PROVIDER_UNAVAILABLE", message: "down", fallback: true },
      reroute: { kind: "rerouted", provider: "runway" },
      "submit#2": { kind: "submitted", task: { id: "task-9" }, lost: [] },
      "follow#2": { kind: "pending", waitMs: 5000 },
    });
    // …in the shape each step's schema reads back when a runner replays it.
    const schemas: Record<string, z.ZodType<unknown>> = {
      start: StartOutcomeSchema,
      submit: SubmitOutcomeSchema,
      reroute: RerouteOutcomeSchema,
      "submit#2": SubmitOutcomeSchema,
      "follow#2": FollowOutcomeSchema,
    };
    for (const { name, output } of steps) expect(readStepOutput({ generationId: "gen_old", name, output }, schemas[name])).toEqual(output);
  });

  it("replays a memo only in its step's shape: one the migration did not tag is an error naming the step", () => {
    expect(() => readStepOutput({ generationId: "gen_x", name: "start", output: { proceed: true } }, StartOutcomeSchema)).toThrow(/gen_x: step start is not in the expected shape/);
    expect(() =>
      readStepOutput({ generationId: "gen_x", name: "follow", output: { kind: "failed", code: "NO_SUCH_CODE", message: "m", fallback: false } }, FollowOutcomeSchema),
    ).toThrow(/step follow/);
  });
});
