import { db, inlineSteps, newAccount } from "../helpers/domain";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUserAccount } from "@/lib/auth/create-user-account";
import { createGeneration } from "@/lib/generations/create-generation";
import { failGeneration, runGeneration } from "@/lib/generations/run-generation";
import { changePrice } from "@/lib/prices/change-price";
import { marginReport } from "@/lib/prices/margin-report";

// The money view's numbers (issue 21): revenue, vendor cost and margin by day, provider and model, whose totals are
// the sums of what the generations recorded; a model sold below its vendor cost is flagged.
const IMAGE = { type: "IMAGE", provider: "local", input: { text: "A ledger" } };

async function operator() {
  const email = `margin-${randomBytes(5).toString("hex")}@example.com`;
  const made = await (await db()).$transaction((tx) => createUserAccount(tx, { email, passwordHash: null }));
  return { userId: made.userId, email };
}

describe("margin report", () => {
  it("totals equal the sums of the recorded vendor costs and charges; a model sold below cost is flagged", async () => {
    const from = new Date(Date.now() - 1_000);
    const op = await operator();
    const { caller } = await newAccount({ credits: 10_000 });
    const { caller: testKey } = await newAccount({ keyMode: "TEST" });
    const made: string[] = [];
    // At the first price (1 cent, markup 1), then at 7.5 cents sold at markup 0.5 (4 credits: below cost).
    made.push((await createGeneration(caller, IMAGE)).generation.id, (await createGeneration(caller, { ...IMAGE, options: { numOutputs: 2 } })).generation.id);
    await changePrice(op, { providerId: "local", type: "IMAGE", rates: { perImage: 7.5 }, markup: 0.5, reason: "Sale below cost" });
    made.push((await createGeneration(caller, IMAGE)).generation.id);
    // Neither a failed generation nor a test key's counts.
    const failed = (await createGeneration(caller, IMAGE)).generation.id;
    const sandbox = (await createGeneration(testKey, IMAGE)).generation.id;
    for (const id of [...made, sandbox]) await runGeneration(id, inlineSteps);
    await failGeneration(failed, new Error("vendor gone"));
    await changePrice(op, { providerId: "local", type: "IMAGE", rates: { perImage: 1 }, markup: 1, reason: "Sale over" });

    const report = await marginReport({ from, to: new Date(Date.now() + 1_000) });
    const rows = await (await db()).generation.findMany({ where: { id: { in: made } } });
    expect(rows.every((r) => r.status === "COMPLETED")).toBe(true);
    const revenue = rows.reduce((sum, r) => sum + r.creditCost, 0);
    const cost = rows.reduce((sum, r) => sum + Number(r.vendorCost), 0);
    expect(revenue).toBe(1 + 2 + 4);
    expect(cost).toBe(1 + 2 + 7.5);
    // Other tests in this file's database may complete generations too: this account's are the local IMAGE line.
    const line = report.byModel.find((m) => m.providerId === "local" && m.type === "IMAGE")!;
    expect(line).toMatchObject({ generations: 3, revenue, vendorCost: cost, margin: revenue - cost, withoutCost: 0 });
    expect(report.totals).toMatchObject({ generations: 3, revenue, vendorCost: cost, margin: -3.5 });
    expect(report.belowCost).toEqual([{ providerId: "local", type: "IMAGE", margin: -3.5 }]);
    // Every grouping adds up to the same totals.
    for (const grouping of [report.byDay, report.byProvider, report.byModel, report.rows]) {
      expect(grouping.reduce((s, g) => s + g.revenue, 0)).toBe(report.totals.revenue);
      expect(grouping.reduce((s, g) => s + g.vendorCost, 0)).toBeCloseTo(report.totals.vendorCost, 9);
    }
    expect(report.byDay.map((d) => d.day)).toEqual([new Date().toISOString().slice(0, 10)]);
  });

  it("is empty for a period with nothing completed", async () => {
    const report = await marginReport({ from: new Date("2001-01-01"), to: new Date("2001-01-02") });
    expect(report).toMatchObject({ rows: [], belowCost: [], totals: { generations: 0, revenue: 0, vendorCost: 0, margin: 0 } });
  });
});
