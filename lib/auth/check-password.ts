import { db } from "../db";
import { verifyPassword } from "./passwords";

/**
 * The password check of sign-in (throttling is in front of it: sign-in-throttle.ts). Every path costs exactly one
 * bcrypt comparison, so a wrong email takes as long as a wrong password.
 * - signed-in: the user's password matches;
 * - unconfirmed: no user yet, but the password matches a sign-up still waiting for its link — worth saying, and
 *   only someone who knows that password learns it;
 * - wrong: anything else.
 */
export type PasswordCheck = { kind: "signed-in"; user: { id: string; email: string; name: string | null } } | { kind: "unconfirmed" } | { kind: "wrong" };

export async function checkPassword(rawEmail: string, password: string): Promise<PasswordCheck> {
  const email = rawEmail.trim().toLowerCase();
  const client = await db();
  const user = email ? await client.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } }) : null;
  if (user) return (await verifyPassword(password, user.passwordHash)) ? { kind: "signed-in", user } : { kind: "wrong" };
  const pending = email
    ? await client.signUpRequest.findFirst({
        where: { email, confirmedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { createdAt: "desc" },
        select: { passwordHash: true },
      })
    : null;
  return (await verifyPassword(password, pending?.passwordHash)) ? { kind: "unconfirmed" } : { kind: "wrong" };
}
