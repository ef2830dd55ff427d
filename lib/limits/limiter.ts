import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisPrefix, sharedRedis } from "../redis";
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

export function limiter(): Limiter {
  return processSingleton("limiter", () => createLimiter(env().REDIS_URL));
}

export function createLimiter(redisUrl: string | undefined, options?: { timeoutMs?: number; retryMs?: number; log?: Logger }): Limiter {
  const keyPrefix = `${redisPrefix()}:rl`;
  const memory = new FlexibleLimiter("memory", (points, duration) => new RateLimiterMemory({ keyPrefix, points, duration }));
  if (!redisUrl) return memory;
  const client = sharedRedis(redisUrl);
  const redis = new FlexibleLimiter("redis", (points, duration) => new RateLimiterRedis({ storeClient: client, keyPrefix, points, duration }));
  return new RedisWithFallback(redis, memory, options);
}
