import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisPrefix, sharedRedis } from "../redis";
import { SingleFlight } from "../single-flight";
import { processSingleton } from "../process-singleton";
import type { Logger } from "pino";
import { logger } from "../log";
import { outageLog, type OutageLog } from "../log-outage";
import { env } from "../env";

/**
 * Fixed-window counters behind one interface: in this process (the embedded default) or in Redis (REDIS_URL),
 * where every app instance shares them. Built on rate-limiter-flexible, whose Redis store consumes atomically.
 */
export interface WindowState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  /** Set when the shared store was unreachable and this instance counted on its own (see RedisWithFallback). */
  degraded?: string;
}

export interface Limiter {
  readonly kind: "memory" | "redis";
  consume(key: string, points: number, limit: number, windowSeconds: number): Promise<WindowState>;
}

class FlexibleLimiter implements Limiter {
  private readonly byShape = new Map<string, RateLimiterAbstract>();

  constructor(
    readonly kind: "memory" | "redis",
    private readonly make: (points: number, duration: number) => RateLimiterAbstract,
  ) {}

  async consume(key: string, points: number, limit: number, windowSeconds: number): Promise<WindowState> {
    const shape = `${limit}/${windowSeconds}`;
    let limiter = this.byShape.get(shape);
    if (!limiter) this.byShape.set(shape, (limiter = this.make(limit, windowSeconds)));
    try {
      const res = await limiter.consume(key, points);
      return state(true, limit, res);
    } catch (error) {
      if (error instanceof RateLimiterRes) return state(false, limit, error);
      throw error; // the store itself failed (Redis down)
    }
  }
}

function state(allowed: boolean, limit: number, res: RateLimiterRes): WindowState {
  return { allowed, limit, remaining: Math.max(0, res.remainingPoints), resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/** What responses say (X-RateLimit-Degraded) while Redis is unreachable. */
export const DEGRADED_NOTICE = "redis-unavailable; limits counted per instance";

/**
 * Redis, failing safe. When Redis cannot answer (down, refused, slower than STORE_TIMEOUT_MS), limits are not
 * dropped and requests are not refused: this instance counts in its own memory with the same limits — so a client
 * gets at most the limit per instance, N × limit over N instances, for the length of the outage — and every such
 * response says so in `X-RateLimit-Degraded`; the outage and the recovery are logged once each. While Redis is
 * down it is retried every RETRY_MS, so requests do not each wait for a timeout.
 */
export class RedisWithFallback implements Limiter {
  readonly kind = "redis" as const;
  private downUntil = 0;
  private readonly outage: OutageLog;
  private readonly options: { timeoutMs: number; retryMs: number };

  constructor(
    private readonly shared: Limiter,
    private readonly local: Limiter,
    options: { timeoutMs?: number; retryMs?: number; log?: Logger } = {},
  ) {
    this.options = { timeoutMs: options.timeoutMs ?? STORE_TIMEOUT_MS, retryMs: options.retryMs ?? RETRY_MS };
    this.outage = outageLog(options.log ?? logger("limits"), "Redis for per-minute limits (counting per instance meanwhile)");
  }

  async consume(key: string, points: number, limit: number, windowSeconds: number): Promise<WindowState> {
    if (Date.now() >= this.downUntil) {
      try {
        const result = await withTimeout(this.shared.consume(key, points, limit, windowSeconds), this.options.timeoutMs);
        this.outage.succeeded();
        return result;
      } catch (error) {
        this.downUntil = Date.now() + this.options.retryMs;
        this.outage.failed(error);
      }
    }
    return { ...(await this.local.consume(key, points, limit, windowSeconds)), degraded: DEGRADED_NOTICE };
  }
}

const STORE_TIMEOUT_MS = 1_000;
const RETRY_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The Redis limiter for high limits: this instance takes a window's points from Redis a batch at a time (a lease)
 * and grants them from memory, so a client with a limit in the hundreds or more per minute costs a Redis round trip
 * every few requests rather than on every one (issue 22: ~0.2 ms of a poll's 0.6 ms at one connection).
 * - Never more than the limit in a window, across all instances: a lease takes only points still left in Redis
 *   (LEASE_SCRIPT, atomic), so every point granted is counted there first.
 * - A refusal can come early by what other instances hold unspent: at most LEASE_SHARE of the limit each, and
 *   only while their clients stop sending (their next requests spend it). One instance alone is exact: its
 *   `remaining` is Redis's plus its own unspent points.
 * - Limits under LEASE_FROM (every plan but Enterprise) are counted request by request, as before.
 * - Leases end with their window: Redis's key expires at the same moment, and the unspent points with it.
 * Concurrent requests of one key share one lease request (`taking`), so a burst takes one batch, not one each.
 */
export class LeasingLimiter implements Limiter {
  readonly kind = "redis" as const;
  private readonly leases = new LRUCache<string, Lease>({ max: 10_000 });
  private readonly taking = new SingleFlight<void>();

  constructor(
    private readonly exact: Limiter,
    private readonly client: Redis,
    private readonly keyPrefix: string,
  ) {}

  async consume(key: string, points: number, limit: number, windowSeconds: number): Promise<WindowState> {
    const size = leaseSize(limit);
    if (size <= 1) return this.exact.consume(key, points, limit, windowSeconds);
    for (;;) {
      const now = Date.now();
      let lease = this.leases.get(key);
      if (lease && lease.resetAt <= now) lease = undefined;
      if (lease && lease.left >= points) {
        lease.left -= points;
        return leaseState(true, limit, lease, now);
      }
      // Nothing left in Redis this window: refused until it resets (what the store would answer).
      if (lease && lease.remaining === 0) return leaseState(false, limit, lease, now);
      await this.taking.run(key, undefined, () => this.take(key, Math.max(size, points), limit, windowSeconds));
    }
  }

  /** Takes up to `wanted` points of the window from Redis into this key's lease. */
  private async take(key: string, wanted: number, limit: number, windowSeconds: number): Promise<void> {
    const [took, consumed, ttl] = (await this.client.eval(LEASE_SCRIPT, 1, `${this.keyPrefix}:${key}`, wanted, windowSeconds, limit)) as [number, number, number];
    const now = Date.now();
    const held = this.leases.get(key);
    const left = (held && held.resetAt > now ? held.left : 0) + took;
    this.leases.set(key, { left, remaining: Math.max(0, limit - consumed), resetAt: now + Math.max(0, ttl) });
  }
}

interface Lease {
  /** Points taken from Redis and not yet granted. */
  left: number;
  /** What Redis had left in the window after the last lease. */
  remaining: number;
  resetAt: number;
}

/** Limits from this many a window are leased (lower ones are counted request by request). */
const LEASE_FROM = 200;
/** A lease is at most this share of the limit, and at most LEASE_MAX points. */
const LEASE_SHARE = 0.01;
const LEASE_MAX = 100;
const leaseSize = (limit: number) => (limit < LEASE_FROM ? 1 : Math.min(LEASE_MAX, Math.floor(limit * LEASE_SHARE)));

function leaseState(allowed: boolean, limit: number, lease: Lease, now: number): WindowState {
  return { allowed, limit, remaining: lease.remaining + lease.left, resetSeconds: Math.max(1, Math.ceil((lease.resetAt - now) / 1000)) };
}

/**
 * KEYS[1] the window's counter (rate-limiter-flexible's key and format: points consumed, expiring with the
 * window), ARGV: points wanted, window seconds, limit. Takes what is left, up to the points wanted; returns
 * { taken, consumed after, ms until the window resets }.
 */
const LEASE_SCRIPT = `
redis.call('set', KEYS[1], 0, 'EX', ARGV[2], 'NX')
local consumed = tonumber(redis.call('get', KEYS[1]))
local take = math.min(tonumber(ARGV[1]), tonumber(ARGV[3]) - consumed)
if take > 0 then consumed = redis.call('incrby', KEYS[1], take) else take = 0 end
local ttl = redis.call('pttl', KEYS[1])
if ttl < 0 then redis.call('expire', KEYS[1], ARGV[2]); ttl = 1000 * tonumber(ARGV[2]) end
return { take, consumed, ttl }`;

export function limiter(): Limiter {
  return processSingleton("limiter", () => createLimiter(env().REDIS_URL));
}

export function createLimiter(redisUrl: string | undefined, options?: { timeoutMs?: number; retryMs?: number; log?: Logger }): Limiter {
  const keyPrefix = `${redisPrefix()}:rl`;
  const memory = new FlexibleLimiter("memory", (points, duration) => new RateLimiterMemory({ keyPrefix, points, duration }));
  if (!redisUrl) return memory;
  const client = sharedRedis(redisUrl);
  const redis = new FlexibleLimiter("redis", (points, duration) => new RateLimiterRedis({ storeClient: client, keyPrefix, points, duration }));
  return new RedisWithFallback(new LeasingLimiter(redis, client, keyPrefix), memory, options);
}
