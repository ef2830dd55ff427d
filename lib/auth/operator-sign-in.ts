import { db } from "../db";
import { hashEnrolToken } from "../ops/grant-operator";
import { startOperatorSession } from "../ops/operator-session";
import { recordOperatorAction } from "../ops/record-operator-action";
import { openTotpSecret, totpStep } from "../ops/totp";
import { verifyPassword } from "./passwords";
import { openSignInAttempt } from "./sign-in-throttle";

/**
 * Operator sign-in (/ops/signin) and enrolment (/ops/enrol): a password and a TOTP code, behind the same throttle
 * as the dashboard's sign-in. Every failure is the one answer "refused" — a stranger, a customer who is no
 * operator, a wrong password and a wrong or reused code look alike, so the form tells no one who is an operator.
 * Every path compares one password (bcrypt), so the time taken tells no more.
 */
export type OperatorSignIn = { kind: "signed-in"; token: string; expiresAt: Date } | { kind: "refused" } | { kind: "throttled"; retryAfterSeconds: number };

export async function signInOperator(input: { email: string; password: string; code: string; address: string }): Promise<OperatorSignIn> {
  const email = input.email.trim().toLowerCase();
  const gate = await openSignInAttempt({ email, address: input.address });
  if (gate.kind === "throttled") return { kind: "throttled", retryAfterSeconds: gate.retryAfterSeconds };
  const client = await db();
  const user = email
    ? await client.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, operatorSince: true, totpEnrolledAt: true, totpSecret: true } })
    : null;
  const passwordOk = await verifyPassword(input.password, user?.passwordHash);
  const step = user?.operatorSince && user.totpEnrolledAt && user.totpSecret ? totpStep(openTotpSecret(user.totpSecret), input.code) : null;
  // The code's step is taken once, by a conditional update: a second sign-in with the same code (replayed, or
  // two at once) finds the step already used.
  const fresh =
    passwordOk && user && step !== null
      ? (await client.user.updateMany({ where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } })).count === 1
      : false;
  await gate.finish(fresh);
  if (!fresh || !user) return { kind: "refused" };
  const session = await startOperatorSession(user.id, input.address === "unknown" ? null : input.address);
  await recordOperatorAction({
    operator: { userId: user.id, email },
    action: "ops.operator_signed_in",
    reason: "password and TOTP code",
    ip: input.address === "unknown" ? null : input.address,
  });
  return { kind: "signed-in", ...session };
}

export type OperatorEnrolment = { kind: "enrolled" } | { kind: "refused" } | { kind: "throttled"; retryAfterSeconds: number };

/**
 * Confirms an enrolment: the link's token, the person's password and a code from the authenticator that scanned
 * the QR code (proving it holds the secret). The link is spent; the operator then signs in at /ops/signin.
 */
export async function confirmOperatorEnrolment(input: { token: string; password: string; code: string; address: string }): Promise<OperatorEnrolment> {
  const client = await db();
  const user = input.token
    ? await client.user.findUnique({
        where: { operatorEnrolTokenHash: hashEnrolToken(input.token) },
        select: { id: true, email: true, passwordHash: true, operatorSince: true, operatorEnrolExpiresAt: true, totpEnrolledAt: true, totpSecret: true },
      })
    : null;
  const gate = await openSignInAttempt({ email: user?.email ?? `enrol:${input.token}`, address: input.address });
  if (gate.kind === "throttled") return { kind: "throttled", retryAfterSeconds: gate.retryAfterSeconds };
  const passwordOk = await verifyPassword(input.password, user?.passwordHash);
  const live = user?.operatorSince && !user.totpEnrolledAt && user.operatorEnrolExpiresAt && user.operatorEnrolExpiresAt > new Date() && user.totpSecret;
  const codeOk = live && user.totpSecret ? totpStep(openTotpSecret(user.totpSecret), input.code) !== null : false;
  const enrolled =
    passwordOk && codeOk && user
      ? (
          await client.user.updateMany({
            where: { id: user.id, totpEnrolledAt: null, operatorEnrolTokenHash: hashEnrolToken(input.token) },
            data: { totpEnrolledAt: new Date(), operatorEnrolTokenHash: null, operatorEnrolExpiresAt: null },
          })
        ).count === 1
      : false;
  await gate.finish(enrolled);
  return enrolled ? { kind: "enrolled" } : { kind: "refused" };
}
