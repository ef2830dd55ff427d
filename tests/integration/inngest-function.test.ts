import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The generation workflow as an Inngest function, executed in-process by @inngest/test against a real embedded
// database (no Inngest server can run here). Env is set before lib/ is loaded: lib/env.ts reads it once.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-inngest-"));
process.env.DOITONG_DATA_DIR = dataDir;
process.env.DOITONG_RUNNER = "off";
const { createTestDatabase } = await import("../helpers/pg");
const database = process.env.DOITONG_TEST_DB === "postgres" ? await createTestDatabase("inngest") : undefined;
if (database) process.env.DATABASE_URL = database.url;

const { createAccount } = await import("@/lib/accounts/create-account");
const { createGeneration } = await import("@/lib/generations/create-generation");
const { db, disconnectDb } = await import("@/lib/db");
const { closeEmbedded } = await import("@/lib/db/embedded");
const { runGenerationFunction } = await import("@/lib/jobs/inngest-functions");
const { GENERATION_REQUESTED } = await import("@/lib/jobs/inngest-client");
const { authenticateApiKeyOrThrow } = await import("@/lib/auth/api-keys");

let caller: { accountId: string; apiKeyId: string | null };

beforeAll(async () => {
  const { apiKey } = await createAccount({ email: "inngest@example.com", credits: 50 });
  caller = await authenticateApiKeyOrThrow(await db(), apiKey);
});

afterAll(async () => {
  await disconnectDb();
  await closeEmbedded();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const event = (generationId: string): [{ name: string; data: { generationId: string } }] => [{ name: GENERATION_REQUESTED, data: { generationId } }];

describe("run-generation Inngest function", () => {
  it("runs start → submit → complete as steps and charges the reserved credits", async () => {
    const { generation } = await createGeneration(caller, { type: "IMAGE", input: { text: "From Inngest" }, options: { resolution: "480p" } });
    const t = new InngestTestEngine({ function: runGenerationFunction });
    const { result, ctx } = await t.execute({ events: event(generation.id) });

    expect(result).toEqual({ generationId: generation.id });
    const stepIds = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map((c) => c[0]);
    expect(stepIds).toEqual(["start", "submit", "complete"]);
    const client = await db();
    const done = await client.generation.findUniqueOrThrow({ where: { id: generation.id } });
    expect(done).toMatchObject({ status: "COMPLETED", progress: 100 });
    expect(done.metadata).toMatchObject({ format: "png", width: 480, height: 480 });
    const ledger = await client.creditLedgerEntry.findMany({ where: { generationId: generation.id }, orderBy: { createdAt: "asc" } });
    expect(ledger.map((e) => e.kind)).toEqual(["RESERVE", "CHARGE"]);
  });

  it("does nothing for a generation cancelled before the function starts", async () => {
    const { generation } = await createGeneration(caller, { type: "IMAGE", input: { text: "Too late" } });
    const client = await db();
    await client.generation.update({ where: { id: generation.id }, data: { status: "CANCELLED" } });
    const t = new InngestTestEngine({ function: runGenerationFunction });
    await t.execute({ events: event(generation.id) });
    const after = await client.generation.findUniqueOrThrow({ where: { id: generation.id } });
    expect(after.status).toBe("CANCELLED");
    expect(after.storageKey).toBeNull();
  });

  it("is cancelled by the cancel event for the same generation", () => {
    const config = runGenerationFunction["opts" as keyof typeof runGenerationFunction] as unknown as { cancelOn: { event: string; match: string }[] };
    expect(config.cancelOn).toEqual([{ event: "doitong/generation.cancelled", match: "data.generationId" }]);
  });
});
