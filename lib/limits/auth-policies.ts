import { env } from "../env";
import { AppError } from "../errors";
import type { BackoffPolicy } from "./backoff";
import { limiter } from "./limiter";

/**
 * The limits on signing up and signing in, in one place.
 *
 * Sign-up (fixed windows, lib/limits/limiter.ts — Redis when REDIS_URL is set): every sign-up request that passes
 * validation counts, for a new email or a known one alike, against its client address
 * (DOITONG_SIGNUP_PER_IP_HOUR, default 10 an hour) and its email domain (DOITONG_SIGNUP_PER_DOMAIN_HOUR, default 50
 * an hour: raise it if many of your people share a large mail provider).
 *
 * Sign-in (exponential back-off, lib/limits/backoff.ts): three series per attempt —
 * - account + address: 5 free tries, then 1 s, 2 s … 15 min between tries; a success clears it;
 * - account, from anywhere: 20 free tries, then the same back-off; a success clears it. A stranger failing from
 *   many addresses can slow the owner to one try per wait while the attack lasts — at worst 15 minutes, never
 *   a lock that outlives it;
 * - address, over all accounts (credential stuffing): DOITONG_SIGNIN_FAILURES_PER_IP (default 50) failures, then
 *   the back-off; a success takes its own try back but does not clear others' failures.
 * Every series is forgotten an hour after it started.
 */
const HOUR = 3_600;

export const SIGN_IN_POLICIES = {
  accountAddress: { name: "signin-account-address", free: 5, firstWaitSeconds: 1, maxWaitSeconds: 15 * 60, forgetSeconds: HOUR },
  account: { name: "signin-account", free: 20, firstWaitSeconds: 1, maxWaitSeconds: 15 * 60, forgetSeconds: HOUR },
  address: () => ({ name: "signin-address", free: env().DOITONG_SIGNIN_FAILURES_PER_IP, firstWaitSeconds: 1, maxWaitSeconds: 15 * 60, forgetSeconds: HOUR }),
} satisfies Record<string, BackoffPolicy | (() => BackoffPolicy)>;

/** Counts a sign-up request; throws RATE_LIMIT (with retryAfter) when its address or its email domain is over the hour's allowance. */
export async function throwIfSignUpThrottled(address: string, emailDomain: string): Promise<void> {
  const { DOITONG_SIGNUP_PER_IP_HOUR, DOITONG_SIGNUP_PER_DOMAIN_HOUR } = env();
  const byAddress = await limiter().consume(`signup:ip:${address}`, 1, DOITONG_SIGNUP_PER_IP_HOUR, HOUR);
  if (!byAddress.allowed) throw tooManySignUps(`Too many sign-ups from your network`, byAddress.resetSeconds);
  const byDomain = await limiter().consume(`signup:domain:${emailDomain}`, 1, DOITONG_SIGNUP_PER_DOMAIN_HOUR, HOUR);
  if (!byDomain.allowed) throw tooManySignUps(`Too many sign-ups with @${emailDomain} addresses`, byDomain.resetSeconds);
}

function tooManySignUps(what: string, retryAfter: number): AppError {
  return new AppError("RATE_LIMIT", `${what} right now. Try again in ${inWords(retryAfter)}.`, { limit: "sign_up", retryAfter });
}

/** "45 seconds", "3 minutes", "1 hour" — for messages people read. */
export function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}
