import { db, inlineSteps, newAccount } from "../helpers/domain";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUserAccount } from "@/lib/auth/create-user-account";
import { refundGeneration } from "@/lib/billing/refund-generation";
import { createGeneration } from "@/lib/generations/create-generation";
import { failGeneration, runGeneration } from "@/lib/generations/run-generation";
import { changePrice } from "@/lib/prices/change-price";
import { marginReport } from "@/lib/prices/margin-report";

// The money view's numbers (issue 21): revenue, vendor cost and margin by day, provider and model, whose totals are
// the sums of what the generations recorded (revenue net of refunds, from the ledger); a model sold below its vendor
// cost is flagged.
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

  it("revenue is net of refunds: a refunded generation earns nothing, keeps its vendor cost, and the totals equal the ledger", async () => {
    const from = new Date(Date.now() - 1_000);
    const op = await operator();
    const { caller, accountId } = await newAccount({ credits: 10_000 });
    // Sold at cost (3 cents, markup 1): one refund makes the model a loss.
    await changePrice(op, { providerId: "local", type: "AUDIO", rates: { perClip: 3 }, markup: 1, reason: "Refund test" });
    const AUDIO = { type: "AUDIO", provider: "local", input: { text: "A refund" } };
    const made = [(await createGeneration(caller, AUDIO)).generation.id, (await createGeneration(caller, AUDIO)).generation.id];
    for (const id of made) await runGeneration(id, inlineSteps);
    const refunded = await refundGeneration({ operator: op, generationId: made[1], reason: "Customer complaint" });
    expect(refunded.refunded).toBeGreaterThan(0);

    const report = await marginReport({ from, to: new Date(Date.now() + 1_000) });
    const client = await db();
    const rows = await client.generation.findMany({ where: { id: { in: made } } });
    const charged = rows.reduce((sum, r) => sum + r.creditCost, 0);
    const cost = rows.reduce((sum, r) => sum + Number(r.vendorCost), 0);
    // What the ledger says the generations took in the end: −(every entry tied to them).
    const entries = await client.creditLedgerEntry.findMany({ where: { accountId, generationId: { in: made } } });
    const net = -entries.reduce((sum, e) => sum + e.amount, 0);
    expect(net).toBe(charged - refunded.refunded);
    expect({ charged, refunded: refunded.refunded, net, cost }).toEqual({ charged: 6, refunded: 3, net: 3, cost: 6 });
    const line = report.byModel.find((m) => m.providerId === "local" && m.type === "AUDIO")!;
    expect(line).toMatchObject({ generations: 2, charged, refunded: 3, revenue: net, vendorCost: cost, margin: -3 });
    // Half the revenue came back, all of the vendor cost stays: the model is flagged.
    expect(report.belowCost).toContainEqual({ providerId: "local", type: "AUDIO", margin: -3 });
    for (const grouping of [report.byDay, report.byProvider, report.byModel, report.rows, [report.totals]]) {
      expect(grouping.reduce((s, g) => s + g.refunded, 0)).toBe(report.byModel.reduce((s, m) => s + m.refunded, 0));
      expect(grouping.reduce((s, g) => s + g.revenue, 0)).toBe(report.totals.charged - report.totals.refunded);
    }
  });

  it("is empty for a period with nothing completed", async () => {
    const report = await marginReport({ from: new Date("2001-01-01"), to: new Date("2001-01-02") });
    expect(report).toMatchObject({ rows: [], belowCost: [], totals: { generations: 0, revenue: 0, vendorCost: 0, margin: 0 } });
  });
});
