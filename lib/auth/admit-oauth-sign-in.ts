import { db } from "../db";
import { isUniqueViolation } from "../db/unique-violation";
import { createUserAccount } from "./create-user-account";

/**
 * Whether an OAuth sign-in (GitHub, Google) may go ahead, creating the account on first use.
 *
 * The email is what ties the sign-in to a Doitong account, so it must be one the provider has verified: Google's
 * `email_verified` claim in the ID token, GitHub's `verified` flag of the primary address (github-provider.ts).
 * Without it anyone could register the victim's address at the provider and walk into the victim's password
 * account — and a new account would get the welcome credits without any proof of the address. With it, the
 * person has proven they read that mailbox, which is what the sign-up link proves too.
 */
export type OAuthAdmission = { kind: "admitted"; created: boolean } | { kind: "unverified-email" };

export async function admitOAuthSignIn(who: { email: string | null | undefined; emailVerified: boolean; name?: string | null }): Promise<OAuthAdmission> {
  const email = who.email?.trim().toLowerCase();
  if (!email || !who.emailVerified) return { kind: "unverified-email" };
  const client = await db();
  if (await client.user.findUnique({ where: { email }, select: { id: true } })) return { kind: "admitted", created: false };
  try {
    await client.$transaction((tx) => createUserAccount(tx, { email, name: who.name, passwordHash: null }));
    return { kind: "admitted", created: true };
  } catch (error) {
    // A simultaneous first sign-in created it: the account exists, which is all this one needs.
    if (isUniqueViolation(error)) return { kind: "admitted", created: false };
    throw error;
  }
}

/** The provider's verified-email claim, as next-auth hands over the provider's profile. */
export function providerVerifiedEmail(profile: unknown): boolean {
  return (profile as { email_verified?: unknown } | undefined)?.email_verified === true;
}
