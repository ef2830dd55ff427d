import { db } from "../db";
import { logger } from "../log";
import { isUniqueViolation } from "../db/unique-violation";
import { createUserAccount, STARTER_CREDITS } from "./create-user-account";
import { hashSignUpToken, looksLikeSignUpToken } from "./sign-up-tokens";

/**
 * What opening a confirmation link did:
 * - confirmed: the user and the account now exist, with the welcome credits;
 * - already-confirmed: this link was used before (a second click, a mail scanner first) — nothing more happens;
 * - email-taken: the address got an account meanwhile (another sign-up link, an OAuth sign-in) — nothing created;
 * - expired, invalid: no such link, or too old.
 */
export type ConfirmOutcome =
  { kind: "confirmed"; email: string; welcomeCredits: number } | { kind: "already-confirmed" } | { kind: "email-taken" } | { kind: "expired" } | { kind: "invalid" };

const log = logger("sign-up");

/**
 * Confirms a sign-up and creates its account exactly once, however often and however concurrently the link is
 * opened: claiming the token (a conditional update of `confirmedAt`) and creating the account are one transaction,
 * so of two simultaneous openings one creates and the other — waiting on the row — finds it claimed; and two
 * links for one email cannot both create, because the email is unique.
 */
export async function confirmSignUp(token: string): Promise<ConfirmOutcome> {
  if (!looksLikeSignUpToken(token)) return { kind: "invalid" };
  const tokenHash = hashSignUpToken(token);
  const client = await db();
  try {
    return await client.$transaction(async (tx): Promise<ConfirmOutcome> => {
      const now = new Date();
      const claimed = await tx.signUpRequest.updateMany({ where: { tokenHash, confirmedAt: null, expiresAt: { gt: now } }, data: { confirmedAt: now } });
      const request = await tx.signUpRequest.findUnique({ where: { tokenHash } });
      if (!request) return { kind: "invalid" };
      if (claimed.count === 0) return request.confirmedAt ? { kind: "already-confirmed" } : { kind: "expired" };
      const { email } = await createUserAccount(tx, { email: request.email, name: request.name, passwordHash: request.passwordHash, locale: request.locale });
      return { kind: "confirmed", email, welcomeCredits: STARTER_CREDITS };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    log.info({ tokenHash: tokenHash.slice(0, 12) }, "sign-up link opened for an email that has an account by now");
    return { kind: "email-taken" };
  }
}
