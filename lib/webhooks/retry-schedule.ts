import { env } from "../env";

/**
 * When to try a webhook again, per the Standard Webhooks schedule: the first attempt at once, then 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h after each failure (±10 % jitter, so a receiver that comes back is
 * not hit by every queued message at the same second). After the last one the delivery has failed.
 */
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR] as const;
/** The first attempt plus one per retry delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const MAX_RETRY_AFTER_MS = 24 * HOUR;

export interface RetryOptions {
  /** A receiver's Retry-After in seconds; used when longer than the schedule's delay. */
  retryAfterSeconds?: number;
  /** 0..1; Math.random by default (tests pass a fixed value). */
  random?: () => number;
  /** Multiplies the schedule (not Retry-After): DOITONG_WEBHOOK_SCHEDULE_SCALE, for tests that cannot wait hours. */
  scale?: number;
}

/** Milliseconds to wait after failed attempt number `attempts` (1-based), or null when there is no retry left. */
export function retryDelayMs(attempts: number, options: RetryOptions = {}): number | null {
  if (attempts < 1 || attempts >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[attempts - 1] * (options.scale ?? scheduleScale());
  const jittered = base * (0.9 + 0.2 * (options.random ?? Math.random)());
  const retryAfter = options.retryAfterSeconds ? Math.min(options.retryAfterSeconds * SECOND, MAX_RETRY_AFTER_MS) : 0;
  return Math.round(Math.max(jittered, retryAfter));
}

export function scheduleScale(): number {
  const raw = env().DOITONG_WEBHOOK_SCHEDULE_SCALE;
  return Number.isFinite(raw) && raw > 0 ? raw : 1;
}
