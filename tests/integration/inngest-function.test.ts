import { InngestTestEngine } from "@inngest/test";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runwayAdapter } from "@/lib/providers/runway/adapter";
import { startVendorFake, type VendorHarness } from "../helpers/vendor";

// The generation workflow as an Inngest function, executed in-process by @inngest/test against a real database
// (no Inngest server can run here): the domain harness's, on PGlite or PostgreSQL. Env is set before lib/ is
// loaded: lib/env.ts reads it once, and inngest-functions.ts reads the follow slice when it loads.
process.env.DOITONG_FOLLOW_SLICE_MS = "150"; // follow a vendor in short slices, with waitForEvent between them
const { db, newAccount } = await import("../helpers/domain");
const { createGeneration } = await import("@/lib/generations/create-generation");
const { runGenerationFunction, runTestGenerationFunction, inngestFunctions } = await import("@/lib/jobs/inngest-functions");
const { GENERATION_REQUESTED } = await import("@/lib/dispatch/inngest-client");

let caller: { accountId: string; apiKeyId: string | null };

beforeAll(async () => {
  ({ caller } = await newAccount({ credits: 50 }));
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

  it("follows a vendor job in short steps, waiting for the vendor's callback event between them", async () => {
    let runway: VendorHarness | undefined;
    try {
      runway = await startVendorFake(runwayAdapter, 1_200);
      process.env.RUNWAYML_API_SECRET = "live-runway-key";
      process.env.RUNWAY_BASE_URL = runway.url;
      const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#246" } })
        .png()
        .toBuffer();
      const { generation } = await createGeneration(caller, {
        type: "VIDEO",
        provider: "runway",
        input: { text: "A slow tide", image: `data:image/png;base64,${png.toString("base64")}` },
        // gen-4 (5 credits/s) fits the account's 50 credits; gen-4.5, Runway's default, is 12/s.
        options: { duration: 5, model: "gen-4" },
      });
      const waits: { name: string; opts: { event: string; timeout: string; if: string } }[] = [];
      const t = new InngestTestEngine({
        function: runGenerationFunction,
        // @inngest/test cannot mock waitForEvent through `steps` (see offline-stack.md); a timeout (null) is what
        // Inngest returns when no callback arrives within the poll interval.
        transformCtx: (ctx) => {
          (ctx.step as { waitForEvent: unknown }).waitForEvent = vi.fn(async (name: string, opts: { event: string; timeout: string; if: string }) => {
            waits.push({ name, opts });
            await new Promise((r) => setTimeout(r, 100));
            return null;
          });
          return ctx;
        },
      });
      await t.execute({ events: event(generation.id) });
      const client = await db();
      const done = await client.generation.findUniqueOrThrow({ where: { id: generation.id } });
      expect(done).toMatchObject({ status: "COMPLETED", provider: "runway" });
      expect(waits.length).toBeGreaterThan(0);
      expect(waits[0]).toMatchObject({
        name: "callback.2",
        opts: { event: "doitong/vendor.callback", if: `async.data.generationId == "${generation.id}"` },
      });
      // Each wait is its own step, numbered after the follow slice it follows (the engine replays earlier ones).
      const names = [...new Set(waits.map((w) => w.name))];
      expect(names).toEqual(names.map((_, i) => `callback.${i + 2}`));
    } finally {
      delete process.env.RUNWAYML_API_SECRET;
      delete process.env.RUNWAY_BASE_URL;
      await runway?.close();
    }
  });

  it("fails a generation out of retries and returns its credits, instead of leaving it queued with them reserved", async () => {
    const { generation } = await createGeneration(caller, { type: "IMAGE", input: { text: "Never started" }, options: { resolution: "480p" } });
    const client = await db();
    const reservedBefore = (await client.account.findUniqueOrThrow({ where: { id: caller.accountId } })).creditsReserved;
    // What Inngest hands the failure handler (inngest/function.failed), as far as the handler reads it.
    const { onFailure } = runGenerationFunction.opts as unknown as { onFailure: (args: { event: { data: { event: unknown } }; error: Error }) => Promise<void> };
    await onFailure({ event: { data: { event: event(generation.id)[0] } }, error: new Error("All 1 parallel slots are busy") });
    const failed = await client.generation.findUniqueOrThrow({ where: { id: generation.id } });
    expect(failed).toMatchObject({ status: "FAILED", errorCode: "GENERATION_FAILED", errorMessage: expect.stringContaining("slots are busy") });
    const ledger = await client.creditLedgerEntry.findMany({ where: { generationId: generation.id }, orderBy: { createdAt: "asc" } });
    expect(ledger.map((e) => e.kind)).toEqual(["RESERVE", "RELEASE"]);
    expect((await client.account.findUniqueOrThrow({ where: { id: caller.accountId } })).creditsReserved).toBe(reservedBefore - generation.creditCost);
  });

  it("is cancelled by the cancel event for the same generation", () => {
    const config = runGenerationFunction["opts" as keyof typeof runGenerationFunction] as unknown as { cancelOn: { event: string; match: string }[] };
    expect(config.cancelOn).toEqual([{ event: "doitong/generation.cancelled", match: "data.generationId" }]);
  });

  it("gives every account its own concurrency key under a global cap, test-key work its own function and cap, and higher plans a bounded head start", () => {
    type Options = { triggers: { event: string }[]; concurrency: unknown; priority: { run: string } };
    const live = runGenerationFunction.opts as unknown as Options;
    const test = runTestGenerationFunction.opts as unknown as Options;
    expect(inngestFunctions).toContain(runTestGenerationFunction);
    expect(live.triggers).toEqual([{ event: "doitong/generation.requested" }]);
    expect(test.triggers).toEqual([{ event: "doitong/test-generation.requested" }]);
    // The largest plan's parallel limit per account (50, Enterprise); the defaults of DOITONG_INNGEST_CONCURRENCY (20)
    // and DOITONG_INNGEST_TEST_CONCURRENCY (5) over all accounts.
    expect(live.concurrency).toEqual([{ key: "event.data.accountId", limit: 50 }, { limit: 20 }]);
    expect(test.concurrency).toEqual([{ key: "event.data.accountId", limit: 50 }, { limit: 5 }]);
    expect(live.priority.run).toBe("event.data.plan == 'STARTER' ? 15 : (event.data.plan == 'PRO' ? 30 : (event.data.plan == 'ENTERPRISE' ? 45 : (0)))");
    expect(test.priority).toEqual(live.priority);
  });
});
