import { db, money, newAccount } from "../helpers/domain";
import { describe, expect, it } from "vitest";
import { createAccount } from "@/lib/accounts/create-account";
import { getAccountOverview } from "@/lib/accounts/get-account-overview";
import { setAccountLimits } from "@/lib/accounts/set-account-limits";

// Accounts as the operator makes them (createAccount is what `npm run admin -- create-account` calls).
describe("createAccount", () => {
  it("opens the account with its credits as one ledger top-up and a working first key", async () => {
    const { accountId, caller } = await newAccount({ plan: "PRO", credits: 250 });
    expect(await money(accountId)).toEqual({ balance: 250, reserved: 0, ledger: [{ kind: "TOP_UP", amount: 250, generationId: null }] });
    expect(caller).toMatchObject({ accountId, mode: "LIVE" });
    expect(await getAccountOverview(caller)).toMatchObject({ plan: "PRO" });
  });

  it("writes no ledger entry for an account opened without credits, and a test key for keyMode TEST", async () => {
    const { accountId, caller, apiKey } = await newAccount({ credits: 0, keyMode: "TEST" });
    expect(await money(accountId)).toEqual({ balance: 0, reserved: 0, ledger: [] });
    expect(apiKey).toMatch(/^dk_test_/);
    expect(caller.mode).toBe("TEST");
  });

  it("refuses a second account for the same email, whatever its case, creating nothing", async () => {
    const { email } = await newAccount();
    await expect(createAccount({ email: email.toUpperCase(), credits: 5 })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "email" } });
    const client = await db();
    expect(await client.account.count({ where: { email } })).toBe(1);
  });

  it("names the field it refuses: email, plan, credits", async () => {
    await expect(createAccount({ email: "not-an-email" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "email" } });
    await expect(createAccount({ email: "plan@example.com", plan: "GOLD" as never })).rejects.toMatchObject({ details: { field: "plan" } });
    await expect(createAccount({ email: "credits@example.com", credits: -1 })).rejects.toMatchObject({ details: { field: "credits" } });
    await expect(createAccount({ email: "credits@example.com", credits: 1.5 })).rejects.toMatchObject({ details: { field: "credits" } });
  });
});

describe("setAccountLimits", () => {
  it("overrides the plan's limits, 0 meaning unlimited and null the plan's again", async () => {
    const { accountId } = await newAccount({ plan: "FREE" });
    const custom = await setAccountLimits(accountId, { rpm: 0, parallel: 3 });
    expect(custom.limits).toEqual({ requestsPerMinute: null, parallel: 3, daily: 100 });
    const back = await setAccountLimits(accountId, { rpm: null, parallel: null, plan: "PRO" });
    expect(back).toMatchObject({ plan: "PRO", limits: { requestsPerMinute: 60, parallel: 10, daily: 10_000 } });
  });

  it("is NOT_FOUND for an unknown account and refuses a negative limit", async () => {
    await expect(setAccountLimits("acct_nobody", { rpm: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { accountId } = await newAccount();
    await expect(setAccountLimits(accountId, { daily: -2 })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "daily" } });
  });
});
