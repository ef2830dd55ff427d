// The in-process domain harness: lib/ verbs called directly against a throwaway database, with no built server and
// no HTTP. Import this module first in a test file (before anything from lib/): it sets the environment lib/env.ts
// reads. Each test file gets a database of its own: a fresh embedded PGlite in a temporary directory (the "domain"
// project), or a fresh database on the PostgreSQL at TEST_DATABASE_URL ("domain-postgres"); lib/db applies the
// migrations on first use, exactly as the app does. The test process owns it, so nothing else (runner, dispatcher)
// touches it unless a test starts it.
//
// The domain projects run file after file in one worker process (isolate: false in vitest.config.mts): lib/ is
// imported once per worker instead of once per file, and this module too, so the database is not made here but by
// useFileDatabase(), which their setup file (domain-file.ts) calls for every file. What one file leaves in the
// process — the environment it changed, caches of its database, connections, workers it started — is undone when
// it ends (forgetFile), so the next file starts as it would in a process of its own.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, TestRunner } from "vitest";
import { createTestDatabase, type TestDatabase } from "./pg";
import { seedEmbeddedDatabase } from "./pglite-template";
import type { SlotName } from "@/lib/process-singleton";

// No engine picks up what a test creates unless the test runs it (runGeneration with its own StepRunner).
process.env.DOITONG_RUNNER = "off";
process.env.DOITONG_VENDOR_TIME_SCALE ??= "0.01";
process.env.DOITONG_SANDBOX_TIME_SCALE ??= "0.01";
// Password hashes at the cost test servers use (tests/helpers/server.ts): production's 12 rounds of bcryptjs are
// ~0.25 CPU-s a hash, most of the CPU of a file that signs people in. tests/unit/passwords.test.ts covers the real cost.
process.env.DOITONG_BCRYPT_ROUNDS ??= "4";

const { reloadEnv } = await import("@/lib/env");
const { db, disconnectDb } = await import("@/lib/db");
const { closeEmbedded } = await import("@/lib/db/embedded");
const { closeInvalidationChannel } = await import("@/lib/invalidation/channel");
const { filledProcessSlots, processSlot } = await import("@/lib/process-singleton");
const { workerStatuses } = await import("@/lib/ops/worker-status");
const { createAccount } = await import("@/lib/accounts/create-account");
const { setAccountLimits } = await import("@/lib/accounts/set-account-limits");
const { authenticateApiKeyOrThrow } = await import("@/lib/auth/api-keys");

/**
 * Process slots (lib/process-singleton.ts) the next file inherits: registries filled as lib/ modules load (emptied,
 * they would not be filled again), state keyed by ids no other database has, and what holds no database state.
 */
const KEPT: SlotName[] = [
  "after-commit", // callbacks keyed by transaction
  "api-key-cache", // keyed by the key's hash: another database's keys never match
  "callback-signals", // waiters keyed by generation id
  "embedded-foreign-listeners", // registered as the runner and the webhook dispatcher load
  "generation-cache", // keyed by generation id
  "invalidation", // subscribers registered as modules load; its connection is closed with the database
  "local-workers", // registered as the runner and the webhook dispatcher load
  "metrics", // counters for the metrics endpoint, which no domain file reads
  "progress-budget", // progress events per second, across generations
  "recent-errors", // this process's error lines, as an instance keeps them (system-status reads the newest)
  "request-context",
  "sandbox", // the built-in vendor fakes on a loopback port: their tasks are keyed by ids
  "worker-status", // a worker's entry goes when it stops, and forgetFile stops them
  "yoga",
];

/** Slots read when used and built again from the next file's database and environment. */
const FORGOTTEN: SlotName[] = [
  "backoffs",
  "bucket",
  "bucket-base",
  "health-store",
  "limiter",
  "mail",
  "price-book",
  "provider-listings",
  "provider-switches",
  "redis",
  "secret",
  "speed-tables",
  "stripe",
];

const files = new WeakSet<object>();

/**
 * Opens a database for the test file being collected, once per file, and undoes the file's traces when it ends:
 * domain-file.ts calls it before every domain file, and this module's first import for a file that imports it on
 * its own (an integration or unit file, one per process).
 */
export async function useFileDatabase(): Promise<void> {
  const file = TestRunner.getCurrentSuite().file;
  if (files.has(file)) return;
  files.add(file);
  const environment = { ...process.env };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-domain-"));
  process.env.DOITONG_DATA_DIR = dataDir;
  let database: TestDatabase | undefined;
  if (process.env.DOITONG_TEST_DB === "postgres") {
    database = await createTestDatabase("domain");
    process.env.DATABASE_URL = database.url;
  } else {
    delete process.env.DATABASE_URL;
    seedEmbeddedDatabase(dataDir);
  }
  reloadEnv();
  afterAll(() => forgetFile(environment, dataDir, database));
}

await useFileDatabase();

async function forgetFile(environment: NodeJS.ProcessEnv, dataDir: string, database: TestDatabase | undefined): Promise<void> {
  // Workers a test started and left running would work on the next file's database: stopped before it goes.
  const workers = new Set(workerStatuses().map((w) => w.name));
  if (workers.has("runner")) await (await import("@/lib/jobs/in-process-runner")).stopInProcessRunner();
  if (workers.has("webhook-dispatcher")) await (await import("@/lib/jobs/webhook-dispatcher")).stopWebhookDispatcher();
  if (processSlot("media-purger").get()) await (await import("@/lib/retention/media-purger")).stopMediaPurger();
  if (processSlot("upload-sweeper").get()) await (await import("@/lib/uploads/upload-sweeper")).stopUploadSweeper();
  processSlot<{ stop(): void }>("provider-switches").get()?.stop();

  await closeInvalidationChannel(); // before its database goes: a cut listening connection is logged as an outage
  await disconnectDb();
  await closeEmbedded();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });

  for (const client of processSlot<Map<string, { disconnect(): void }>>("redis").get()?.values() ?? []) client.disconnect();
  processSlot<{ transport: { close(): void } }>("mail").get()?.transport.close();
  for (const name of filledProcessSlots()) {
    if (FORGOTTEN.includes(name)) processSlot(name).clear();
    else if (!KEPT.includes(name)) throw new Error(`tests/helpers/domain.ts: the process slot "${name}" is new; say whether the next domain file may inherit it`);
  }

  for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
  Object.assign(process.env, environment);
  reloadEnv();
}

export { db };

export interface TestAccount {
  accountId: string;
  apiKey: string;
  email: string;
  /** The account as an API-key request sees it (what GraphQL resolvers hand the verbs). */
  caller: Awaited<ReturnType<typeof authenticateApiKeyOrThrow>>;
}

/** An account with a first key, as the admin command makes it; unlimited requests unless `limits` say otherwise. */
export async function newAccount(
  options: {
    plan?: "FREE" | "STARTER" | "PRO" | "ENTERPRISE";
    credits?: number;
    keyMode?: "LIVE" | "TEST";
    limits?: { rpm?: number | null; parallel?: number | null; daily?: number | null };
  } = {},
): Promise<TestAccount> {
  const email = `domain-${randomBytes(6).toString("hex")}@example.com`;
  const created = await createAccount({ email, plan: options.plan ?? "ENTERPRISE", credits: options.credits ?? 1_000, keyMode: options.keyMode ?? "LIVE" });
  if (options.limits) await setAccountLimits(created.accountId, options.limits);
  return { ...created, email, caller: await authenticateApiKeyOrThrow(await db(), created.apiKey) };
}

/** The account's balance and reservations, and its ledger in order (kind, amount, generation). */
export async function money(accountId: string) {
  const client = await db();
  const account = await client.account.findUniqueOrThrow({ where: { id: accountId } });
  const ledger = await client.creditLedgerEntry.findMany({ where: { accountId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return {
    balance: account.creditBalance,
    reserved: account.creditsReserved,
    ledger: ledger.map((e) => ({ kind: e.kind, amount: e.amount, generationId: e.generationId })),
  };
}

/** Runs steps as a durable engine would on a first, uninterrupted run: each once, in order. */
export const inlineSteps = { run: <T>(_name: string, fn: () => Promise<T>): Promise<T> => fn() };

/**
 * A GraphQL request as a client sends it with `apiKey`, answered by the API's own Yoga in this process (no server):
 * for what a domain change must show through the API.
 */
export async function askApi<T = Record<string, unknown>>(apiKey: string, query: string, variables: Record<string, unknown> = {}) {
  const { yoga } = await import("@/lib/graphql/yoga");
  const response = await yoga("/graphql").fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: T | null; errors?: { message: string; extensions: Record<string, unknown> }[] } };
}
