import { db, money, newAccount } from "../helpers/domain";
import { afterAll, describe, expect, it } from "vitest";
import { createGeneration } from "@/lib/generations/create-generation";
import { startInProcessRunner, stopInProcessRunner } from "@/lib/jobs/in-process-runner";

// The in-process runner (the default engine) in the test process: it claims what was accepted, respects the
// account's parallel slots and queue order, and hands its leases back when stopped.
const IMAGE = { type: "IMAGE", input: { text: "A queue" }, options: { resolution: "480p" } };

afterAll(() => stopInProcessRunner());

async function waitUntilFinal(ids: string[], timeoutMs = 60_000) {
  const client = await db();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await client.generation.findMany({ where: { id: { in: ids } } });
    if (rows.every((g) => ["COMPLETED", "FAILED", "CANCELLED"].includes(g.status))) return rows;
    if (Date.now() > deadline) throw new Error(`not final: ${rows.map((g) => `${g.id} ${g.status}`).join(", ")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("in-process runner", () => {
  it("runs a 1-slot account's generations one at a time, in the order they were accepted, charging each once", async () => {
    const { accountId, caller } = await newAccount({ credits: 1_000, limits: { parallel: 1 } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createGeneration(caller, IMAGE)).generation.id);
    startInProcessRunner();
    const rows = await waitUntilFinal(ids);
    expect(rows.every((g) => g.status === "COMPLETED")).toBe(true);
    const byId = new Map(rows.map((g) => [g.id, g]));
    for (let i = 1; i < ids.length; i++) {
      // One slot: each started only after the one accepted before it had finished.
      expect(byId.get(ids[i])!.startedAt!.getTime()).toBeGreaterThanOrEqual(byId.get(ids[i - 1])!.completedAt!.getTime());
    }
    const after = await money(accountId);
    expect(after.reserved).toBe(0);
    expect(after.ledger.filter((e) => e.kind === "CHARGE")).toHaveLength(3);
    expect(rows.every((g) => g.lockedBy === null)).toBe(true);
  });

  it("takes over a generation whose lease lapsed when its runner died", async () => {
    await stopInProcessRunner();
    const { caller } = await newAccount();
    const { generation } = await createGeneration(caller, IMAGE);
    const client = await db();
    // As a runner killed mid-run leaves it, once its lease ran out: PROCESSING, leased to a runner that is gone.
    await client.generation.update({
      where: { id: generation.id },
      data: { status: "PROCESSING", startedAt: new Date(), lockedBy: "runner_dead", lockedUntil: new Date(Date.now() - 1_000) },
    });
    startInProcessRunner();
    const [done] = await waitUntilFinal([generation.id]);
    expect(done).toMatchObject({ status: "COMPLETED", lockedBy: null });
  });
});
