import { db } from "../db";
import { hashEnrolToken } from "./grant-operator";
import { newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from "./totp";

export interface PendingEnrolment {
  userId: string;
  email: string;
  /** Base32, for typing into an authenticator by hand; `uri` is what the QR code holds. */
  secret: string;
  uri: string;
}

/**
 * The enrolment an unexpired grant-operator link stands for, with its TOTP secret (made on first view and kept
 * until enrolment is confirmed, so reloading the page shows the same QR code). Null for any other token: the page
 * then answers 404, like every /ops page to a stranger.
 */
export async function pendingEnrolment(token: string | undefined): Promise<PendingEnrolment | null> {
  if (!token) return null;
  const client = await db();
  const user = await client.user.findUnique({
    where: { operatorEnrolTokenHash: hashEnrolToken(token) },
    select: { id: true, email: true, operatorSince: true, operatorEnrolExpiresAt: true, totpEnrolledAt: true, totpSecret: true },
  });
  if (!user?.operatorSince || user.totpEnrolledAt || !user.operatorEnrolExpiresAt || user.operatorEnrolExpiresAt <= new Date()) return null;
  let secret = user.totpSecret ? openTotpSecret(user.totpSecret) : null;
  if (!secret) {
    const fresh = newTotpSecret();
    // Only if no secret was made meanwhile (two tabs): both then show the one that was stored.
    await client.user.updateMany({ where: { id: user.id, totpSecret: null }, data: { totpSecret: sealTotpSecret(fresh) } });
    const stored = await client.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true } });
    secret = openTotpSecret(stored.totpSecret ?? "");
  }
  return { userId: user.id, email: user.email, secret, uri: totpUri(secret, user.email) };
}
