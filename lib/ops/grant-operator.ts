import { createHash, randomBytes } from "node:crypto";
import { type Db, db } from "../db";
import { AppError } from "../errors";

/** How long the enrolment link that grant-operator prints stays usable. */
export const ENROL_LINK_HOURS = 24;

export const hashEnrolToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type GrantOutcome = { kind: "enrol"; userId: string; email: string; enrolPath: string; expiresAt: Date } | { kind: "already-operator"; userId: string; email: string };

/**
 * Makes a person (an existing login: they sign up first) an operator and hands out a one-time enrolment link for
 * their TOTP authenticator. An operator already enrolled keeps their factor (revoke, then grant, to reset it); one
 * granted but not yet enrolled gets a fresh link. `client`: another process's database (the e2e helper).
 */
export async function grantOperator(rawEmail: string, client?: Db): Promise<GrantOutcome> {
  const email = rawEmail.trim().toLowerCase();
  const database = client ?? (await db());
  const user = await database.user.findUnique({ where: { email }, select: { id: true, operatorSince: true, totpEnrolledAt: true } });
  if (!user) throw new AppError("NOT_FOUND", `No one signs in as ${email}: they sign up first, then are granted`, { field: "email" });
  if (user.operatorSince && user.totpEnrolledAt) return { kind: "already-operator", userId: user.id, email };
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + ENROL_LINK_HOURS * 3600_000);
  await database.user.update({
    where: { id: user.id },
    data: { operatorSince: user.operatorSince ?? new Date(), operatorEnrolTokenHash: hashEnrolToken(token), operatorEnrolExpiresAt: expiresAt, totpSecret: null },
  });
  return { kind: "enrol", userId: user.id, email, enrolPath: `/ops/enrol?token=${token}`, expiresAt };
}

/** Ends someone's operator rights at once: the flag, their second factor, any enrolment link and every open session. */
export async function revokeOperator(rawEmail: string, client?: Db): Promise<{ userId: string; email: string; sessionsEnded: number }> {
  const email = rawEmail.trim().toLowerCase();
  const database = client ?? (await db());
  const user = await database.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new AppError("NOT_FOUND", `No one signs in as ${email}`, { field: "email" });
  return database.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { operatorSince: null, totpSecret: null, totpEnrolledAt: null, totpLastStep: null, operatorEnrolTokenHash: null, operatorEnrolExpiresAt: null },
    });
    const { count } = await tx.operatorSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    return { userId: user.id, email, sessionsEnded: count };
  });
}
