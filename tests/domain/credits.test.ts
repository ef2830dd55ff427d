import { db, money, newAccount } from "../helpers/domain";
import { describe, expect, it } from "vitest";
import { cancelGeneration } from "@/lib/generations/cancel-generation";
import { createGeneration } from "@/lib/generations/create-generation";
import { failGeneration } from "@/lib/generations/run-generation";

// Money under concurrency: the account row lock and the ledger's one-entry-per-kind rule. These are the cases
// whose outcome depends on the database's locking, so the "postgres" project runs them on PostgreSQL too.
const IMAGE = { type: "IMAGE", input: { text: "A coin" }, options: { resolution: "480p" } };

describe("credits", () => {
  it("accepts exactly as many concurrent generations as the balance covers, and the ledger adds up", async () => {
    const { caller: probe } = await newAccount();
    const cost = (await createGeneration(probe, IMAGE)).generation.creditCost;
    const { accountId, caller } = await newAccount({ credits: cost * 7 });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => createGeneration(caller, IMAGE)));
    const accepted = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(accepted).toHaveLength(7);
    expect(refused.every((r) => (r.reason as { code?: string }).code === "INSUFFICIENT_CREDITS")).toBe(true);
    const after = await money(accountId);
    expect(after).toMatchObject({ balance: 0, reserved: cost * 7 });
    expect(after.ledger.filter((e) => e.kind === "RESERVE").reduce((sum, e) => sum + e.amount, 0)).toBe(-cost * 7);
  });

  it("settles every generation once when cancels race with failures", async () => {
    const { accountId, caller } = await newAccount({ credits: 1_000 });
    const ids = await Promise.all(Array.from({ length: 8 }, async () => (await createGeneration(caller, IMAGE)).generation.id));
    await Promise.all(ids.flatMap((id) => [cancelGeneration(caller, id), failGeneration(id, new Error("vendor gone")), cancelGeneration(caller, id)]));
    const after = await money(accountId);
    expect(after).toMatchObject({ balance: 1_000, reserved: 0 });
    for (const id of ids) expect(after.ledger.filter((e) => e.generationId === id).map((e) => e.kind)).toEqual(["RESERVE", "RELEASE"]);
    const statuses = await (await db()).generation.findMany({ where: { id: { in: ids } }, select: { status: true } });
    expect(statuses.every((g) => g.status === "CANCELLED" || g.status === "FAILED")).toBe(true);
  });

  it("keeps each account's money to itself when both spend at once", async () => {
    const [a, b] = await Promise.all([newAccount({ credits: 500 }), newAccount({ credits: 300 })]);
    const made = await Promise.all([...Array.from({ length: 5 }, () => createGeneration(a.caller, IMAGE)), ...Array.from({ length: 5 }, () => createGeneration(b.caller, IMAGE))]);
    const cost = made[0].generation.creditCost;
    expect(await money(a.accountId)).toMatchObject({ balance: 500 - 5 * cost, reserved: 5 * cost });
    expect(await money(b.accountId)).toMatchObject({ balance: 300 - 5 * cost, reserved: 5 * cost });
  });
});
