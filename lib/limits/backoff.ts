import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisPrefix, sharedRedis } from "../redis";
import { env } from "../env";
import { processSingleton } from "../process-singleton";

/**
 * Exponential back-off for repeated attempts (sign-in), never a permanent lock. The scheme is the one
 * rate-limiter-flexible's ExpressBruteFlexible uses, with doubling instead of Fibonacci waits:
 * - the first `free` attempts of a series go through; counting is one atomic consume, so a thousand requests sent
 *   at once get `free` tries, not a thousand;
 * - after that, one attempt per wait window goes through, the window opening at that attempt: 1 s, 2 s, 4 s … up to
 *   `maxWaitSeconds` — whoever keeps trying only gets slower, and nobody ever waits longer than the cap;
 * - a series ends `forgetSeconds` after its first attempt, or at once with `reset` (a success).
 * Counts live in Redis when REDIS_URL is set (all instances share them), in this process otherwise; if Redis stops
 * answering, each instance counts on its own (rate-limiter-flexible's insurance limiter) until it is back.
 */
export interface BackoffPolicy {
  /** Key prefix; unique per policy. */
  name: string;
  free: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
  forgetSeconds: number;
}

interface StoreOptions {
  keyPrefix: string;
  points: number;
  duration: number;
}

export type BackoffDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class Backoff {
  private readonly attempts: RateLimiterAbstract;
  private readonly window: RateLimiterAbstract;
  private readonly level: RateLimiterAbstract;

  constructor(
    readonly policy: BackoffPolicy,
    make: (options: StoreOptions) => RateLimiterAbstract,
  ) {
    const prefix = `${redisPrefix()}:backoff:${policy.name}`;
    this.attempts = make({ keyPrefix: `${prefix}:free`, points: policy.free, duration: policy.forgetSeconds });
    this.window = make({ keyPrefix: `${prefix}:window`, points: 1, duration: policy.maxWaitSeconds });
    this.level = make({ keyPrefix: `${prefix}:level`, points: 1, duration: policy.forgetSeconds });
  }

  /** Counts an attempt and says whether it may go ahead. */
  async attempt(key: string): Promise<BackoffDecision> {
    try {
      await this.attempts.consume(key);
      return { allowed: true };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
    }
    const level = (await this.level.get(key))?.consumedPoints ?? 0;
    const wait = Math.min(this.policy.firstWaitSeconds * 2 ** level, this.policy.maxWaitSeconds);
    // Only the attempt that opens the window (the first point in it) goes through; the window's TTL is its wait.
    const opened = await this.window.penalty(key, 1, { customDuration: wait });
    if (opened.consumedPoints === 1) {
      await this.level.penalty(key, 1);
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(opened.msBeforeNext / 1000)) };
  }

  /** A success: the series is over. */
  async reset(key: string): Promise<void> {
    await Promise.all([this.attempts.delete(key), this.window.delete(key), this.level.delete(key)]);
  }

  /** A success that must not end the series of others sharing the key (an address): only this attempt is taken back. */
  async refund(key: string): Promise<void> {
    await this.attempts.reward(key, 1);
  }
}

/** The process-wide Backoff of a policy, in Redis when REDIS_URL is set. */
export function backoff(policy: BackoffPolicy): Backoff {
  const all = processSingleton("backoffs", () => new Map<string, Backoff>());
  let found = all.get(policy.name);
  if (!found) {
    const redisUrl = env().REDIS_URL;
    found = new Backoff(policy, (options) =>
      redisUrl ? new RateLimiterRedis({ ...options, storeClient: sharedRedis(redisUrl), insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options),
    );
    all.set(policy.name, found);
  }
  return found;
}
