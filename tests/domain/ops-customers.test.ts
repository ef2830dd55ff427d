import { db, inlineSteps, money, newAccount } from "../helpers/domain";
import { describe, expect, it } from "vitest";
import { changeWorkspaceLimits } from "@/lib/accounts/change-workspace-limits";
import { getWorkspaceSuspension } from "@/lib/accounts/get-workspace-suspension";
import { revokeWorkspaceKey } from "@/lib/accounts/revoke-workspace-key";
import { setWorkspaceSuspended } from "@/lib/accounts/suspend-workspace";
import { authenticateApiKeyOrThrow } from "@/lib/auth/api-keys";
import { createUserAccount } from "@/lib/auth/create-user-account";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { refundGeneration } from "@/lib/billing/refund-generation";
import { createGeneration } from "@/lib/generations/create-generation";
import { runGeneration } from "@/lib/generations/run-generation";
import { findWorkspaces } from "@/lib/ops/find-workspaces";
import { workspaceDossier } from "@/lib/ops/workspace-dossier";

// The console's customer verbs: each one a ledger or account change and its audit entry in one transaction, each
// with a reason; the money ones under the account lock (so the "postgres" project runs them on PostgreSQL too).
const IMAGE = { type: "IMAGE", input: { text: "A coin" }, options: { resolution: "480p" } };
const operator = { userId: "usr_operator", email: "operator@doitong.example" };
const opsEntries = async (accountId: string) =>
  (await (await db()).auditLogEntry.findMany({ where: { accountId, action: { startsWith: "ops." } }, orderBy: { sequence: "asc" } })).map((e) => ({
    action: e.action,
    reason: e.reason,
    actor: e.actorLabel,
  }));

async function completedGeneration(credits = 100) {
  const account = await newAccount({ credits });
  const { generation } = await createGeneration(account.caller, IMAGE);
  await runGeneration(generation.id, inlineSteps);
  return { ...account, generation };
}

describe("credit adjustment", () => {
  it("adds and removes credits as ADJUSTMENT entries with the reason in the audit log", async () => {
    const { accountId } = await newAccount({ credits: 100 });
    await adjustCredits({ operator, accountId, amount: 40, reason: "goodwill after an outage" });
    await adjustCredits({ operator, accountId, amount: -15, reason: "double top-up" });
    const after = await money(accountId);
    expect(after.balance).toBe(125);
    expect(after.ledger.filter((e) => e.kind === "ADJUSTMENT").map((e) => e.amount)).toEqual([40, -15]);
    expect(await opsEntries(accountId)).toEqual([
      { action: "ops.credits_adjusted", reason: "goodwill after an outage", actor: operator.email },
      { action: "ops.credits_adjusted", reason: "double top-up", actor: operator.email },
    ]);
  });

  it("refuses no reason, zero, and taking the balance below zero — changing nothing", async () => {
    const { accountId } = await newAccount({ credits: 10 });
    await expect(adjustCredits({ operator, accountId, amount: 5, reason: " " })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "reason" } });
    await expect(adjustCredits({ operator, accountId, amount: 0, reason: "x" })).rejects.toMatchObject({ details: { field: "amount" } });
    await expect(adjustCredits({ operator, accountId, amount: -11, reason: "x" })).rejects.toMatchObject({ details: { field: "amount", reason: "below-zero" } });
    expect(await money(accountId)).toMatchObject({ balance: 10 });
    expect(await opsEntries(accountId)).toEqual([]);
  });

  it("concurrent removals never take the balance below zero", async () => {
    const { accountId } = await newAccount({ credits: 100 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => adjustCredits({ operator, accountId, amount: -30, reason: "race" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect((await money(accountId)).balance).toBe(10);
  });
});

describe("refund", () => {
  it("returns what a completed generation was charged, exactly once even when two operators click at once", async () => {
    const { accountId, generation } = await completedGeneration();
    const charged = 100 - (await money(accountId)).balance;
    expect(charged).toBe(generation.creditCost);
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => refundGeneration({ operator, generationId: generation.id, reason: "blurry result" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toMatchObject({ code: "INVALID_INPUT", details: { reason: "already-refunded" } });
    }
    const after = await money(accountId);
    expect(after.balance).toBe(100);
    expect(after.ledger.filter((e) => e.generationId === generation.id).map((e) => e.kind)).toEqual(["RESERVE", "CHARGE", "ADJUSTMENT"]);
    expect((await opsEntries(accountId)).map((e) => e.action)).toEqual(["ops.generation_refunded"]);
  });

  it("refuses a generation that was not completed and charged", async () => {
    const { caller } = await newAccount({ credits: 100 });
    const { generation } = await createGeneration(caller, IMAGE);
    await expect(refundGeneration({ operator, generationId: generation.id, reason: "x" })).rejects.toMatchObject({ details: { reason: "not-refundable" } });
    await expect(refundGeneration({ operator, generationId: "gen_nope", reason: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("suspension", () => {
  it("refuses the workspace's keys with WORKSPACE_SUSPENDED until resumed; a running generation still finishes", async () => {
    const { accountId, apiKey, caller } = await newAccount({ credits: 100 });
    const { generation } = await createGeneration(caller, IMAGE);
    await setWorkspaceSuspended({ operator, accountId, suspended: true, reason: "chargeback" });
    await expect(authenticateApiKeyOrThrow(await db(), apiKey)).rejects.toMatchObject({ code: "WORKSPACE_SUSPENDED" });
    await runGeneration(generation.id, inlineSteps);
    expect((await (await db()).generation.findUniqueOrThrow({ where: { id: generation.id } })).status).toBe("COMPLETED");
    await expect(setWorkspaceSuspended({ operator, accountId, suspended: true, reason: "again" })).rejects.toMatchObject({ details: { reason: "already-suspended" } });
    await setWorkspaceSuspended({ operator, accountId, suspended: false, reason: "resolved" });
    expect((await authenticateApiKeyOrThrow(await db(), apiKey)).accountId).toBe(accountId);
    expect((await opsEntries(accountId)).map((e) => e.action)).toEqual(["ops.workspace_suspended", "ops.workspace_resumed"]);
  });

  it("shows its members the suspension in the dashboard, with their other workspaces to switch to, until resumed", async () => {
    // A person with a workspace of their own, also a member of the customer's workspace that gets suspended.
    const client = await db();
    const person = await client.$transaction((tx) => createUserAccount(tx, { email: `member-${Date.now()}@example.com`, passwordHash: null }));
    const { accountId } = await newAccount();
    await client.membership.create({ data: { accountId, userId: person.userId, role: "DEVELOPER" } });
    const inCustomer = { userId: person.userId, accountId };

    expect(await getWorkspaceSuspension(inCustomer)).toBeNull();
    await setWorkspaceSuspended({ operator, accountId, suspended: true, reason: "unpaid invoice" });
    const { suspendedAt } = await client.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(await getWorkspaceSuspension(inCustomer)).toEqual({ since: suspendedAt, elsewhere: [{ accountId: person.accountId, name: expect.stringMatching(/^member-/) }] });
    // Their own workspace is in service: no banner there, and the suspended one is no place to switch to.
    expect(await getWorkspaceSuspension({ userId: person.userId, accountId: person.accountId })).toBeNull();
    await setWorkspaceSuspended({ operator, accountId, suspended: false, reason: "paid" });
    expect(await getWorkspaceSuspension(inCustomer)).toBeNull();
  });
});

describe("limits and keys", () => {
  it("changes plan and limits through setAccountLimits, audited with before and after", async () => {
    const { accountId } = await newAccount({ plan: "FREE" });
    const changed = await changeWorkspaceLimits({ operator, accountId, change: { plan: "PRO", rpm: 500 }, reason: "sales deal" });
    expect(changed).toMatchObject({ plan: "PRO", limits: { requestsPerMinute: 500 } });
    await expect(changeWorkspaceLimits({ operator, accountId, change: { rpm: -1 }, reason: "x" })).rejects.toMatchObject({ details: { field: "rpm" } });
    const [entry] = await (await db()).auditLogEntry.findMany({ where: { accountId, action: "ops.limits_changed" } });
    expect(entry).toMatchObject({ reason: "sales deal", before: { plan: "FREE" }, after: { plan: "PRO" } });
  });

  it("revokes a key of that workspace only", async () => {
    const a = await newAccount();
    const b = await newAccount();
    const keyA = await (await db()).apiKey.findFirstOrThrow({ where: { accountId: a.accountId } });
    await expect(revokeWorkspaceKey({ operator, accountId: b.accountId, keyId: keyA.id, reason: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await revokeWorkspaceKey({ operator, accountId: a.accountId, keyId: keyA.id, reason: "leaked on GitHub" });
    await expect(authenticateApiKeyOrThrow(await db(), a.apiKey)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("search and the workspace page", () => {
  it("finds a workspace by email, id, key prefix and generation id, and shows its money, keys and generations", async () => {
    const { accountId, email, apiKey, generation } = await completedGeneration();
    for (const q of [email, email.slice(0, 12), accountId, apiKey.slice(0, 14), generation.id]) {
      expect(
        (await findWorkspaces(q)).map((w) => w.id),
        q,
      ).toContain(accountId);
    }
    expect(await findWorkspaces("   ")).toEqual([]);
    const dossier = await workspaceDossier(accountId);
    expect(dossier).toMatchObject({ account: { id: accountId, creditBalance: 100 - generation.creditCost, creditsReserved: 0 } });
    expect(dossier!.generations.map((g) => g.id)).toContain(generation.id);
    expect(dossier!.keys).toHaveLength(1);
    expect(dossier!.ledger.map((e) => e.kind)).toEqual(["CHARGE", "RESERVE", "TOP_UP"]);
  });
});
