// The in-process domain harness: lib/ verbs called directly against a throwaway database, with no built server and
// no HTTP. Import this module first in a test file (before anything from lib/): it sets the environment lib/env.ts
// reads. The database is a fresh embedded PGlite in a temporary directory (the "pglite" project), or a fresh
// database on the PostgreSQL at TEST_DATABASE_URL (the "postgres" project); lib/db applies the migrations on first
// use, exactly as the app does. The test process owns it, so nothing else (runner, dispatcher) touches it unless a
// test starts it.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { createTestDatabase } from "./pg";
import { seedEmbeddedDatabase } from "./pglite-template";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-domain-"));
process.env.DOITONG_DATA_DIR = dataDir;
// No engine picks up what a test creates unless the test runs it (runGeneration with its own StepRunner).
process.env.DOITONG_RUNNER = "off";
process.env.DOITONG_VENDOR_TIME_SCALE ??= "0.01";
process.env.DOITONG_SANDBOX_TIME_SCALE ??= "0.01";
const database = process.env.DOITONG_TEST_DB === "postgres" ? await createTestDatabase("domain") : undefined;
if (database) process.env.DATABASE_URL = database.url;
else {
  delete process.env.DATABASE_URL;
  seedEmbeddedDatabase(dataDir);
}

const { reloadEnv } = await import("@/lib/env");
reloadEnv();
const { db, disconnectDb } = await import("@/lib/db");
const { closeEmbedded } = await import("@/lib/db/embedded");
const { closeInvalidationChannel } = await import("@/lib/invalidation/channel");
const { createAccount } = await import("@/lib/accounts/create-account");
const { setAccountLimits } = await import("@/lib/accounts/set-account-limits");
const { authenticateApiKeyOrThrow } = await import("@/lib/auth/api-keys");

afterAll(async () => {
  await closeInvalidationChannel(); // before its database goes: a cut listening connection is logged as an outage
  await disconnectDb();
  await closeEmbedded();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

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
