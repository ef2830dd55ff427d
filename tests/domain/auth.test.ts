import { db, newAccount } from "../helpers/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKeyOrThrow } from "@/lib/auth/api-keys";
import { checkPassword } from "@/lib/auth/check-password";
import { confirmSignUp } from "@/lib/auth/confirm-sign-up";
import { createAccountApiKey, listApiKeys, revokeApiKey } from "@/lib/auth/manage-api-keys";
import { requestSignUp } from "@/lib/auth/request-sign-up";
import { reloadEnv } from "@/lib/env";
import { confirmationLink, type Mailbox, startMailbox } from "../fakes/mailbox";
import { TEST_PASSWORD } from "../helpers/session";

// Sign-up, password check and API keys as lib/ verbs. The HTTP side of the same (statuses, cookies, CSRF,
// throttling by address, body limits) is in tests/integration/auth-*.test.ts and dashboard-auth.test.ts.
let mailbox: Mailbox;
let n = 0;
const from = () => ({ address: `198.51.100.${++n}`, origin: "http://localhost:3000" });
const email = (tag: string) => `${tag}-${Date.now().toString(36)}-${n}@example.com`;

beforeAll(async () => {
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.smtpUrl;
  reloadEnv();
});
afterAll(() => mailbox?.close());

async function tokenMailedTo(address: string, since: number): Promise<string> {
  const mail = await mailbox.waitFor(address, { since });
  return new URL(confirmationLink(mail)).searchParams.get("token")!;
}

describe("sign-up", () => {
  it("creates nothing until the mailed link is opened; then the account exists once, with the welcome credits", async () => {
    const address = email("confirm");
    const since = Date.now();
    expect(await requestSignUp({ email: address, password: TEST_PASSWORD }, from())).toMatchObject({ email: address, delivery: "smtp", expiresInHours: 24 });
    const token = await tokenMailedTo(address, since);
    expect(await checkPassword(address, TEST_PASSWORD)).toEqual({ kind: "unconfirmed" });

    const outcomes = await Promise.all(Array.from({ length: 4 }, () => confirmSignUp(token)));
    expect(outcomes.filter((o) => o.kind === "confirmed")).toEqual([{ kind: "confirmed", email: address, welcomeCredits: 50 }]);
    expect(outcomes.filter((o) => o.kind !== "confirmed").every((o) => o.kind === "already-confirmed")).toBe(true);
    const client = await db();
    const user = await client.user.findUniqueOrThrow({ where: { email: address }, include: { account: true } });
    expect(user.account).toMatchObject({ creditBalance: 50 });
    expect(await checkPassword(address.toUpperCase(), TEST_PASSWORD)).toMatchObject({ kind: "signed-in", user: { email: address } });
    expect(await checkPassword(address, "wrong horse battery")).toEqual({ kind: "wrong" });
  });

  it("answers a registered email as a new one, and mails its owner instead of a link", async () => {
    const address = email("twice");
    let since = Date.now();
    await requestSignUp({ email: address, password: TEST_PASSWORD }, from());
    await confirmSignUp(await tokenMailedTo(address, since));
    since = Date.now();
    const again = await requestSignUp({ email: address, password: "another fine passphrase" }, from());
    expect(again).toMatchObject({ email: address, delivery: "smtp", expiresInHours: 24 });
    const mail = await mailbox.waitFor(address, { since });
    expect(mail.text).not.toMatch(/verify-email\?token=/);
    expect(await checkPassword(address, TEST_PASSWORD)).toMatchObject({ kind: "signed-in" });
  });

  it("refuses a weak password or a bad address by field, before anything is stored or sent", async () => {
    const address = email("weak");
    await expect(requestSignUp({ email: address, password: "password123!" }, from())).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "password" } });
    await expect(requestSignUp({ email: "nope", password: TEST_PASSWORD }, from())).rejects.toMatchObject({ details: { field: "email" } });
    expect(await (await db()).signUpRequest.count({ where: { email: address } })).toBe(0);
  });

  it("says what a made-up or altered link is, and creates nothing", async () => {
    expect(await confirmSignUp("not-a-token")).toEqual({ kind: "invalid" });
    const address = email("altered");
    const since = Date.now();
    await requestSignUp({ email: address, password: TEST_PASSWORD }, from());
    const token = await tokenMailedTo(address, since);
    const altered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(await confirmSignUp(altered)).toEqual({ kind: "invalid" });
    expect(await (await db()).user.count({ where: { email: address } })).toBe(0);
  });
});

describe("API keys", () => {
  it("creates a key shown once, lists it by prefix only, and revokes it for the very next request", async () => {
    const { caller } = await newAccount();
    const created = await createAccountApiKey(caller, { name: "CI", mode: "TEST" });
    expect(created.key).toMatch(/^dk_test_/);
    const listed = await listApiKeys(caller);
    expect(listed.find((k) => k.id === created.id)).toMatchObject({ name: "CI", mode: "TEST", prefix: created.key.slice(0, 12), revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const client = await db();
    expect(await authenticateApiKeyOrThrow(client, created.key)).toMatchObject({ accountId: caller.accountId, mode: "TEST" });
    await revokeApiKey(caller, created.id);
    await expect(authenticateApiKeyOrThrow(client, created.key)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("refuses missing, malformed, unknown and altered keys alike, and another account's key id", async () => {
    const { caller, apiKey } = await newAccount();
    const client = await db();
    const refusals = await Promise.allSettled(
      [undefined, "dk_live_short", `dk_live_${"A".repeat(32)}`, apiKey.slice(0, -1) + (apiKey.endsWith("A") ? "B" : "A")].map((k) => authenticateApiKeyOrThrow(client, k)),
    );
    expect(refusals.map((r) => r.status === "rejected" && (r.reason as { code: string }).code)).toEqual(Array(4).fill("UNAUTHENTICATED"));
    const other = await newAccount();
    const [otherKey] = await listApiKeys(other.caller);
    await expect(revokeApiKey(caller, otherKey.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createAccountApiKey(caller, { name: " " })).rejects.toMatchObject({ details: { field: "name" } });
  });
});
