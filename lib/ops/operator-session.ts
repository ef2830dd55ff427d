import { createHmac } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { db } from "../db";
import { newId } from "../ids";
import { serverSecret } from "../storage/secret";

/**
 * The operator console's own session, apart from the dashboard's next-auth cookie: a signed token (HS256, key
 * derived from the server secret) naming an OperatorSession row, valid for OPERATOR_SESSION_HOURS. The row is the
 * authority — sign-out and revoke-operator set revokedAt and the session ends at once, whatever the token says.
 * The cookie is httpOnly, SameSite=Strict and scoped to /ops.
 */
export const OPERATOR_COOKIE = "doitong_ops";
export const OPERATOR_SESSION_HOURS = 8;

const signingKey = () => new Uint8Array(createHmac("sha256", serverSecret()).update("operator session").digest());

export async function startOperatorSession(userId: string, ip: string | null): Promise<{ token: string; expiresAt: Date }> {
  const client = await db();
  const id = newId("ops");
  const expiresAt = new Date(Date.now() + OPERATOR_SESSION_HOURS * 3600_000);
  await client.operatorSession.create({ data: { id, userId, ip, expiresAt } });
  const token = await new SignJWT({ sid: id })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(signingKey());
  return { token, expiresAt };
}

/** The live session a cookie names: signature, expiry, the row not revoked, the person still an enrolled operator. */
export async function operatorFromToken(token: string | undefined): Promise<{ userId: string; email: string; sessionId: string } | null> {
  if (!token) return null;
  const verified = await jwtVerify(token, signingKey(), { algorithms: ["HS256"] }).catch(() => null);
  const sid = verified?.payload.sid;
  if (typeof sid !== "string") return null;
  const client = await db();
  const session = await client.operatorSession.findUnique({
    where: { id: sid },
    select: { userId: true, expiresAt: true, revokedAt: true, user: { select: { email: true, operatorSince: true, totpEnrolledAt: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date() || session.userId !== verified?.payload.sub) return null;
  if (!session.user.operatorSince || !session.user.totpEnrolledAt) return null;
  return { userId: session.userId, email: session.user.email, sessionId: sid };
}

export async function endOperatorSession(sessionId: string): Promise<void> {
  const client = await db();
  await client.operatorSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
