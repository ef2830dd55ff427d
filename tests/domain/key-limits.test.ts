import { askApi, db, inlineSteps, money, newAccount, type TestAccount } from "../helpers/domain";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailbox, type Mailbox } from "../fakes/mailbox";
import { reloadEnv } from "@/lib/env";
import { authenticateApiKeyOrThrow, createApiKey } from "@/lib/auth/api-keys";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { setApiKeyLimits, type ApiKeyLimitsChange } from "@/lib/keys/set-api-key-limits";
import { createAccountApiKey, listApiKeys } from "@/lib/auth/manage-api-keys";
import { createUserAccount } from "@/lib/auth/create-user-account";
import { removeMember } from "@/lib/teams/manage-members";
import { setLowBalanceThreshold } from "@/lib/accounts/set-low-balance-threshold";
import { createGeneration } from "@/lib/generations/create-generation";
import { cancelGeneration } from "@/lib/generations/cancel-generation";
import { failGeneration, runGeneration } from "@/lib/generations/run-generation";
import { newId } from "@/lib/ids";
import { getUsage } from "@/lib/usage/get-usage";
import { usageCsv } from "@/lib/usage/usage-csv";

// An API key's own limits (spend cap, scopes, expiry, allowed types) and the alerts they raise. The cap is decided
// under the account's row lock with the balance, so the "postgres" project runs this on PostgreSQL too.
const IMAGE = { type: "IMAGE", input: { text: "A coin" }, options: { resolution: "480p" } };
const owner = (account: TestAccount) => ({ accountId: account.accountId, apiKeyId: null });

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.smtpUrl;
  reloadEnv();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  reloadEnv();
  await mailbox?.close();
});

/** The account's key, limited as asked, as a request with it is seen. */
async function limitedKey(account: TestAccount, limits: ApiKeyLimitsChange) {
  await setApiKeyLimits(owner(account), account.caller.apiKeyId, limits);
  return authenticateApiKeyOrThrow(await db(), account.apiKey);
}

async function costOfOne(): Promise<number> {
  const { caller } = await newAccount();
  return (await createGeneration(caller, IMAGE)).generation.creditCost;
}

describe("key spend caps", () => {
  it("accepts exactly 10 of 100 concurrent generates against a key capped at 10 outputs' worth", async () => {
    const cost = await costOfOne();
    const account = await newAccount({ credits: cost * 1_000 });
    const caller = await limitedKey(account, { spendCap: cost * 10, spendPeriod: "TOTAL" });
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => createGeneration(caller, IMAGE)));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as { code: string; details: Record<string, unknown> });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(refused).toHaveLength(90);
    expect(refused.every((e) => e.code === "INSUFFICIENT_CREDITS" && e.details.scope === "key" && e.details.cap === "total")).toBe(true);
    // Nothing was reserved for the refused ones: the account paid for exactly ten.
    const after = await money(account.accountId);
    expect(after).toMatchObject({ balance: cost * 990, reserved: cost * 10 });
    expect(after.ledger.filter((e) => e.kind === "RESERVE")).toHaveLength(10);
    const [key] = await listApiKeys(owner(account));
    expect(key).toMatchObject({ spendCap: cost * 10, spendPeriod: "TOTAL", spent: cost * 10 });
  });

  it("gives a failed or cancelled generation's share back to the key's cap", async () => {
    const cost = await costOfOne();
    const account = await newAccount({ credits: 10_000 });
    const caller = await limitedKey(account, { spendCap: cost * 2, spendPeriod: "DAY" });
    const first = await createGeneration(caller, IMAGE);
    const second = await createGeneration(caller, IMAGE);
    const over = await createGeneration(caller, IMAGE).catch((e: { code: string; details: Record<string, unknown> }) => e);
    expect(over).toMatchObject({ code: "INSUFFICIENT_CREDITS", details: { scope: "key", cap: "day", limit: cost * 2, available: 0 } });
    await cancelGeneration(caller, first.generation.id);
    await failGeneration(second.generation.id, new Error("vendor gone"));
    await expect(createGeneration(caller, IMAGE)).resolves.toBeTruthy();
    await expect(createGeneration(caller, IMAGE)).resolves.toBeTruthy();
  });

  it("leaves the account's other keys and the dashboard unlimited by one key's cap", async () => {
    const cost = await costOfOne();
    const account = await newAccount({ credits: 10_000 });
    const caller = await limitedKey(account, { spendCap: cost, spendPeriod: "MONTH" });
    await createGeneration(caller, IMAGE);
    await expect(createGeneration(caller, IMAGE)).rejects.toMatchObject({ details: { scope: "key", cap: "month" } });
    await expect(createGeneration(owner(account), IMAGE)).resolves.toBeTruthy();
  });
});

describe("key scopes, types and expiry", () => {
  it("refuses a key without the generate scope with FORBIDDEN naming it, before anything is reserved", async () => {
    const account = await newAccount({ credits: 1_000 });
    const caller = await limitedKey(account, { scopes: ["read"] });
    await expect(createGeneration(caller, IMAGE)).rejects.toMatchObject({ code: "FORBIDDEN", details: { scope: "key", required: "generate" } });
    expect(await money(account.accountId)).toMatchObject({ balance: 1_000, reserved: 0 });
  });

  it("keeps a key to its allowed types and providers, also when the API chooses the provider", async () => {
    const account = await newAccount({ credits: 1_000 });
    const caller = await limitedKey(account, { allowedTypes: ["AUDIO"] });
    await expect(createGeneration(caller, IMAGE)).rejects.toMatchObject({ code: "FORBIDDEN", details: { required: "type" } });
    // Without vendor keys here the API would choose the local preview: a key limited to Flux Pro may not use it.
    const other = await newAccount({ credits: 1_000 });
    expect((await createGeneration(other.caller, IMAGE)).generation.provider).toBe("local");
    const limited = await limitedKey(other, { allowedProviders: ["flux-pro"] });
    await expect(createGeneration(limited, { ...IMAGE, provider: "local" })).rejects.toMatchObject({ code: "FORBIDDEN", details: { required: "provider" } });
    const chosen = await createGeneration(limited, IMAGE).catch((e: { details: { excluded: { provider: string; reason: string }[] } }) => e);
    expect("details" in chosen && chosen.details.excluded).toContainEqual({ provider: "local", reason: "excluded: not among the providers this API key may use" });
  });

  it("says an expired key has expired", async () => {
    const account = await newAccount();
    await setApiKeyLimits(owner(account), account.caller.apiKeyId, { expiresAt: new Date(Date.now() + 300) });
    await new Promise((r) => setTimeout(r, 400));
    await expect(authenticateApiKeyOrThrow(await db(), account.apiKey)).rejects.toMatchObject({ code: "UNAUTHENTICATED", details: { reason: "key-expired" } });
  });

  it("refuses limits a key cannot have", async () => {
    const account = await newAccount({ plan: "PRO" });
    const id = account.caller.apiKeyId;
    await expect(setApiKeyLimits(owner(account), id, { rpmLimit: 60 })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "rpmLimit" } });
    await expect(setApiKeyLimits(owner(account), id, { spendCap: 10 })).rejects.toMatchObject({ details: { field: "spendPeriod" } });
    await expect(setApiKeyLimits(owner(account), id, { expiresAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({ details: { field: "expiresAt" } });
    await expect(setApiKeyLimits(owner(account), id, { allowedProviders: ["nope"] })).rejects.toMatchObject({ details: { field: "allowedProviders" } });
    const other = await newAccount();
    await expect(setApiKeyLimits(owner(other), id, { rpmLimit: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("writes each change of a key's limits to the audit log, before and after, and nothing for a refused one", async () => {
    const account = await newAccount();
    const id = account.caller.apiKeyId;
    await setApiKeyLimits(owner(account), id, { spendCap: 30, spendPeriod: "DAY" });
    await expect(setApiKeyLimits(owner(account), id, { expiresAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const entries = (await listAuditLog(account.caller.accountId, { action: "key.limits_changed" })).nodes;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ targetId: id, before: { spendCap: null, spendPeriod: null }, after: { spendCap: 30, spendPeriod: "DAY" } });
  });
});

describe("alerts", () => {
  async function endpoint(accountId: string) {
    await (await db()).webhookEndpoint.create({ data: { id: newId("whe"), accountId, url: "https://hooks.example.com/doitong", events: [] } });
  }
  const deliveries = async (accountId: string, eventType: string) => (await db()).webhookDelivery.findMany({ where: { accountId, eventType }, orderBy: { createdAt: "asc" } });

  it("warns once when a reservation takes the balance below the threshold, and again only after it rose above", async () => {
    const cost = await costOfOne();
    const account = await newAccount({ credits: cost * 10 });
    await endpoint(account.accountId);
    await setLowBalanceThreshold(owner(account), cost * 5);
    const made = await Promise.all(Array.from({ length: 8 }, () => createGeneration(account.caller, IMAGE)));
    const first = await mailbox.waitFor(account.email, { subject: /below/ });
    expect(first.text).toContain(`${cost * 5}`);
    let hooks = await deliveries(account.accountId, "account.low_balance");
    expect(hooks).toHaveLength(1);
    expect((hooks[0].payload as { data: unknown }).data).toMatchObject({ threshold: cost * 5, balance: expect.any(Number) });
    // Back above the threshold (released), then below again: a second crossing, a second warning.
    for (const { generation } of made.slice(0, 6)) await cancelGeneration(account.caller, generation.id);
    for (let i = 0; i < 4; i++) await createGeneration(account.caller, IMAGE);
    await expect.poll(() => mailbox.messages.filter((m) => m.to.includes(account.email) && /below/.test(m.subject)).length).toBe(2);
    hooks = await deliveries(account.accountId, "account.low_balance");
    expect(hooks).toHaveLength(2);
  });

  it("warns once when a key passes 80 % of its cap, however many requests race past it", async () => {
    const cost = await costOfOne();
    const account = await newAccount({ credits: cost * 100 });
    await endpoint(account.accountId);
    const caller = await limitedKey(account, { spendCap: cost * 10, spendPeriod: "DAY" });
    await Promise.allSettled(Array.from({ length: 30 }, () => createGeneration(caller, IMAGE)));
    const mail = await mailbox.waitFor(account.email, { subject: /80%/ });
    expect(mail.text).toContain(`${cost * 10}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailbox.messages.filter((m) => m.to.includes(account.email) && /80%/.test(m.subject))).toHaveLength(1);
    const hooks = await deliveries(account.accountId, "key.budget_warning");
    expect(hooks).toHaveLength(1);
    expect((hooks[0].payload as { data: unknown }).data).toMatchObject({ apiKeyId: caller.apiKeyId, cap: cost * 10, period: "DAY" });
  });
});

describe("usage", () => {
  it("adds up to exactly what the ledger says, by every grouping, and exports the same numbers as CSV", async () => {
    const account = await newAccount({ credits: 5_000 });
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createGeneration(account.caller, IMAGE));
    // Oldest first: the runner starts an account's generations in order.
    for (const { generation } of made.slice(0, 3)) await runGeneration(generation.id, inlineSteps);
    await failGeneration(made[3].generation.id, new Error("vendor gone"));
    await createGeneration(owner(account), { ...IMAGE, input: { text: "From the dashboard" } });

    const ledger = (await money(account.accountId)).ledger.filter((e) => e.kind !== "TOP_UP");
    const ledgerSpend = -ledger.reduce((sum, e) => sum + e.amount, 0);
    expect(ledgerSpend).toBeGreaterThan(0);
    const from = new Date(Date.now() - 3_600_000);
    const to = new Date(Date.now() + 3_600_000);
    for (const groupBy of ["DAY", "PROVIDER", "MODEL", "TYPE", "KEY", "MEMBER"] as const) {
      const report = await getUsage(owner(account), { from, to, groupBy });
      expect(report.totals.credits, groupBy).toBe(ledgerSpend);
      expect(
        report.rows.reduce((sum, r) => sum + r.credits, 0),
        groupBy,
      ).toBe(ledgerSpend);
      expect(
        report.rows.reduce((sum, r) => sum + r.generations, 0),
        groupBy,
      ).toBe(6);
    }
    const byKey = await getUsage(owner(account), { from, to, groupBy: "KEY" });
    expect(byKey.rows.map((r) => r.group).sort()).toEqual([account.caller.apiKeyId, "dashboard"].sort());
    expect(byKey.totals).toMatchObject({ outputs: 3, failureRate: 0.25 });
    expect(byKey.totals.outputMegapixels).toBeGreaterThan(0);
    expect(byKey.totals.p50Seconds).not.toBeNull();

    const csv = usageCsv(byKey).trim().split("\r\n");
    expect(csv[0]).toBe("group,label,generations,outputs,credits,output_seconds,output_megapixels,failure_rate,p50_seconds");
    expect(csv).toHaveLength(byKey.rows.length + 2);
    expect(csv.at(-1)!.split(",").slice(0, 5)).toEqual(["total", "total", "6", "3", String(ledgerSpend)]);
  });
});

describe("usage by member", () => {
  it("counts the dashboard's work for the signed-in person and a key's for its creator; a removed member's rows stay", async () => {
    const client = await db();
    const person = async (tag: string) => {
      const email = `${tag}-${randomBytes(5).toString("hex")}@example.com`;
      const p = await client.$transaction((tx) => createUserAccount(tx, { email, passwordHash: null }));
      return { ...p, email };
    };
    const alice = await person("alice");
    const bob = await person("bob");
    const ws = alice.accountId;
    await client.account.update({ where: { id: ws }, data: { plan: "ENTERPRISE", creditBalance: 5_000 } });
    await client.membership.create({ data: { accountId: ws, userId: bob.userId, role: "DEVELOPER" } });
    const session = (p: { userId: string; email: string }, role: "OWNER" | "DEVELOPER") =>
      ({ kind: "session", accountId: ws, apiKeyId: null, userId: p.userId, email: p.email, role, ip: null, limits: {} as never }) as const;

    await createGeneration(session(alice, "OWNER"), { ...IMAGE, input: { text: "Alice in the playground" } });
    const bobsKey = await createAccountApiKey(session(bob, "DEVELOPER"), { name: "bob's ci" });
    const withBobsKey = await authenticateApiKeyOrThrow(client, bobsKey.key);
    for (let i = 0; i < 2; i++) await createGeneration(withBobsKey, IMAGE);
    await createGeneration(session(bob, "DEVELOPER"), IMAGE);
    // A key nobody can be named for, as the admin command makes them.
    const operatorKey = (await createApiKey(client, ws, { name: "operator" })).key;
    await createGeneration(await authenticateApiKeyOrThrow(client, operatorKey), IMAGE);
    await removeMember({ accountId: ws, userId: alice.userId, role: "OWNER" }, bob.userId);

    const ledgerSpend = -(await money(ws)).ledger.filter((e) => e.kind !== "TOP_UP").reduce((sum, e) => sum + e.amount, 0);
    const report = await getUsage({ accountId: ws, apiKeyId: null }, { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 3_600_000), groupBy: "MEMBER" });
    const rows = Object.fromEntries(report.rows.map((r) => [r.group, { label: r.label, generations: r.generations }]));
    expect(rows).toEqual({
      [alice.userId]: { label: alice.email, generations: 1 },
      [bob.userId]: { label: bob.email, generations: 3 },
      unknown: { label: "unknown", generations: 1 },
    });
    expect(report.totals.credits).toBe(ledgerSpend);
    expect(report.rows.reduce((sum, r) => sum + r.credits, 0)).toBe(ledgerSpend);
    const csv = usageCsv(report);
    expect(csv).toContain(`${bob.userId},${bob.email},3,`);
  });
});

describe("over GraphQL", () => {
  const gql = askApi;

  it("refuses each operation a key's scopes do not cover, and serves the rest", async () => {
    const account = await newAccount({ credits: 1_000 });
    await limitedKey(account, { scopes: ["generate"] });
    const made = await gql(account.apiKey, `mutation { generate(input: { type: IMAGE, input: { text: "x" }, options: { resolution: "480p" } }) { id } }`);
    expect(made.body.errors).toBeUndefined();
    const read = await gql(account.apiKey, `{ generations { nodes { id } } }`);
    expect(read.body.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", scope: "key", required: "read" });
    const hooks = await gql(account.apiKey, `{ webhookEndpoints { id } }`);
    expect(hooks.body.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", required: "webhooks" });
    await limitedKey(account, { scopes: ["read"] });
    const usage = await gql(
      account.apiKey,
      `query($from: DateTime!, $to: DateTime!) { usage(from: $from, to: $to, groupBy: KEY) { totals { generations credits } rows { group } } }`,
      {
        from: new Date(Date.now() - 60_000).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
      },
    );
    expect(usage.body.data?.usage).toMatchObject({ totals: { generations: 1 }, rows: [{ group: account.caller.apiKeyId }] });
    const secret = await gql(account.apiKey, `{ me { plan webhookSecret } }`);
    expect(secret.body.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", required: "webhooks" });
  });

  it("holds a key to its own requests per minute, below the plan's, with extensions.scope = key", async () => {
    const account = await newAccount({ plan: "PRO" });
    await limitedKey(account, { rpmLimit: 2 });
    expect((await gql(account.apiKey, `{ plans { id } }`)).status).toBe(200);
    expect((await gql(account.apiKey, `{ plans { id } }`)).status).toBe(200);
    const third = await gql(account.apiKey, `{ plans { id } }`);
    expect(third.status).toBe(429);
    expect(third.body.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMIT", scope: "key", limit: "minute" });
  });
});
