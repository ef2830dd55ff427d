import { createHash } from "node:crypto";
import { backoff } from "../limits/backoff";
import { inWords, SIGN_IN_POLICIES } from "../limits/auth-policies";

/**
 * The throttle in front of password sign-in (policies in lib/limits/auth-policies.ts). An attempt is counted before
 * its password is checked, so a refused attempt costs no bcrypt; the caller reports the outcome with `finish`.
 */
export type SignInGate = { kind: "throttled"; retryAfterSeconds: number; message: string } | { kind: "open"; finish(signedIn: boolean): Promise<void> };

export async function openSignInAttempt({ email, address }: { email: string; address: string }): Promise<SignInGate> {
  // Keys carry a hash of the email, not the email: Redis holds no list of who tried to sign in.
  const account = createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
  const accountAddress = backoff(SIGN_IN_POLICIES.accountAddress);
  const anyAddress = backoff(SIGN_IN_POLICIES.account);
  const fromAddress = backoff(SIGN_IN_POLICIES.address());
  const series = [
    [accountAddress, `${account}:${address}`],
    [anyAddress, account],
    [fromAddress, address],
  ] as const;
  for (const [limit, key] of series) {
    const decision = await limit.attempt(key);
    if (!decision.allowed) {
      const wait = decision.retryAfterSeconds;
      return { kind: "throttled", retryAfterSeconds: wait, message: `Too many sign-in attempts. Try again in ${inWords(wait)}.` };
    }
  }
  return {
    kind: "open",
    async finish(signedIn) {
      if (!signedIn) return;
      await Promise.all([accountAddress.reset(`${account}:${address}`), anyAddress.reset(account), fromAddress.refund(address)]);
    },
  };
}
