import { db } from "../helpers/domain";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { createUserAccount } from "@/lib/auth/create-user-account";
import { confirmOperatorEnrolment, signInOperator } from "@/lib/auth/operator-sign-in";
import { hashPassword } from "@/lib/auth/passwords";
import { pendingEnrolment } from "@/lib/ops/enrolment";
import { grantOperator, revokeOperator } from "@/lib/ops/grant-operator";
import { endOperatorSession, operatorFromToken } from "@/lib/ops/operator-session";
import { recordOperatorAction } from "@/lib/ops/record-operator-action";
import { currentTotpCode } from "@/lib/ops/totp";

// Operators as lib/ verbs: granting, enrolling a TOTP authenticator, signing in with password + code into a
// revocable session, and the audit entries their actions leave. The pages and the 404s are in
// tests/e2e/ops-console.spec.ts.
const PASSWORD = "operator horse battery staple";
let address = 0;
/** Each sign-in from its own address, so the throttle (tested on its own) never joins in by accident. */
const nextAddress = () => `10.0.${Math.floor(++address / 250)}.${address % 250}`;

async function person() {
  const email = `ops-${randomBytes(5).toString("hex")}@example.com`;
  const client = await db();
  const passwordHash = await hashPassword(PASSWORD);
  const made = await client.$transaction((tx) => createUserAccount(tx, { email, passwordHash }));
  return { ...made, email };
}

async function enrolledOperator() {
  const p = await person();
  const granted = await grantOperator(p.email);
  if (granted.kind !== "enrol") throw new Error("expected an enrolment link");
  const token = new URL(granted.enrolPath, "http://x").searchParams.get("token") ?? "";
  const pending = await pendingEnrolment(token);
  if (!pending) throw new Error("no pending enrolment");
  expect(await confirmOperatorEnrolment({ token, password: PASSWORD, code: currentTotpCode(pending.secret), address: nextAddress() })).toEqual({ kind: "enrolled" });
  return { ...p, secret: pending.secret, token };
}

describe("operators", () => {
  it("grant → enrol with the QR code's secret → sign in with password and code → a session that sign-out ends", async () => {
    const op = await enrolledOperator();
    // The link is spent: it shows nothing any more.
    expect(await pendingEnrolment(op.token)).toBeNull();
    const signedIn = await signInOperator({ email: op.email, password: PASSWORD, code: currentTotpCode(op.secret), address: nextAddress() });
    if (signedIn.kind !== "signed-in") throw new Error(`not signed in: ${signedIn.kind}`);
    const session = await operatorFromToken(signedIn.token);
    expect(session).toMatchObject({ userId: op.userId, email: op.email });
    await endOperatorSession(session!.sessionId);
    expect(await operatorFromToken(signedIn.token)).toBeNull();
  });

  it("refuses alike: a customer, a stranger, a wrong password, a wrong code and a code used once already", async () => {
    const op = await enrolledOperator();
    const customer = await person();
    const code = currentTotpCode(op.secret);
    const attempts = [
      { email: customer.email, password: PASSWORD, code },
      { email: "nobody@example.com", password: PASSWORD, code },
      { email: op.email, password: "wrong password entirely", code },
      { email: op.email, password: PASSWORD, code: code === "000000" ? "111111" : "000000" },
    ];
    for (const attempt of attempts) expect(await signInOperator({ ...attempt, address: nextAddress() })).toEqual({ kind: "refused" });
    expect((await signInOperator({ email: op.email, password: PASSWORD, code, address: nextAddress() })).kind).toBe("signed-in");
    // The same code again (replayed, or a second tab): refused.
    expect(await signInOperator({ email: op.email, password: PASSWORD, code, address: nextAddress() })).toEqual({ kind: "refused" });
  });

  it("a granted person who has not enrolled cannot sign in; a wrong token or password does not enrol", async () => {
    const p = await person();
    const granted = await grantOperator(p.email);
    if (granted.kind !== "enrol") throw new Error("expected an enrolment link");
    const token = new URL(granted.enrolPath, "http://x").searchParams.get("token") ?? "";
    const pending = await pendingEnrolment(token);
    const code = currentTotpCode(pending!.secret);
    expect(await signInOperator({ email: p.email, password: PASSWORD, code, address: nextAddress() })).toEqual({ kind: "refused" });
    expect(await pendingEnrolment("not-a-token")).toBeNull();
    expect(await confirmOperatorEnrolment({ token: "not-a-token", password: PASSWORD, code, address: nextAddress() })).toEqual({ kind: "refused" });
    expect(await confirmOperatorEnrolment({ token, password: "wrong password entirely", code, address: nextAddress() })).toEqual({ kind: "refused" });
    // Reloading the page shows the same secret until it is confirmed.
    expect((await pendingEnrolment(token))?.secret).toBe(pending!.secret);
  });

  it("revoke-operator ends the rights and every open session at once", async () => {
    const op = await enrolledOperator();
    const signedIn = await signInOperator({ email: op.email, password: PASSWORD, code: currentTotpCode(op.secret), address: nextAddress() });
    if (signedIn.kind !== "signed-in") throw new Error("not signed in");
    expect(await revokeOperator(op.email)).toMatchObject({ sessionsEnded: 1 });
    expect(await operatorFromToken(signedIn.token)).toBeNull();
    // Granted again: a new authenticator, the old one is gone.
    expect((await grantOperator(op.email)).kind).toBe("enrol");
  });

  it("a forged or foreign token is no session", async () => {
    expect(await operatorFromToken("eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiJvcHNfeCJ9.c2lnbmF0dXJl")).toBeNull();
    expect(await operatorFromToken(undefined)).toBeNull();
  });
});

describe("recordOperatorAction", () => {
  it("writes the operator, the reason and before/after; about no workspace too; the customer's own log leaves it out", async () => {
    const op = await enrolledOperator();
    const customer = await person();
    const operator = { userId: op.userId, email: op.email };
    await recordOperatorAction({
      operator,
      action: "ops.credits_adjusted",
      accountId: customer.accountId,
      target: "account:" + customer.accountId,
      reason: "goodwill",
      before: { balance: 50 },
      after: { balance: 70 },
      ip: "10.9.9.9",
    });
    await recordOperatorAction({ operator, action: "ops.operator_signed_in", reason: "about nothing in particular" });
    const client = await db();
    const entries = await client.auditLogEntry.findMany({ where: { actorUserId: op.userId, action: { not: "ops.operator_signed_in" } } });
    expect(entries).toEqual([
      expect.objectContaining({
        accountId: customer.accountId,
        actorLabel: op.email,
        reason: "goodwill",
        targetType: "account",
        targetId: customer.accountId,
        ip: "10.9.9.9",
        after: { balance: 70 },
      }),
    ]);
    expect((await listAuditLog(customer.accountId, {})).nodes.map((e) => e.action)).not.toContain("ops.credits_adjusted");
  });

  it("refuses an action without a reason, and one not in the table", async () => {
    const operator = { userId: "usr_x", email: "x@example.com" };
    await expect(recordOperatorAction({ operator, action: "ops.credits_adjusted", reason: "   " })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "reason" } });
    await expect(recordOperatorAction({ operator, action: "ops.made_up", reason: "why" })).rejects.toThrow(/AUDIT_ACTIONS/);
  });

  it("entries about no workspace are append-only too", async () => {
    const op = await enrolledOperator();
    await recordOperatorAction({ operator: { userId: op.userId, email: op.email }, action: "ops.operator_signed_in", reason: "check" });
    const client = await db();
    await expect(client.auditLogEntry.deleteMany({ where: { actorUserId: op.userId, accountId: null } })).rejects.toThrow(/append-only/);
    await expect(client.auditLogEntry.updateMany({ where: { actorUserId: op.userId }, data: { reason: "changed" } })).rejects.toThrow(/append-only/);
  });
});
