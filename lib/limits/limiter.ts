import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisPrefix, sharedRedis } from "../redis";

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

const holder = globalThis as unknown as { __doitongLimiter?: Limiter };

export function limiter(): Limiter {
  holder.__doitongLimiter ??= createLimiter(process.env.REDIS_URL);
  return holder.__doitongLimiter;
}

function createLimiter(redisUrl: string | undefined): Limiter {
  const keyPrefix = `${redisPrefix()}:rl`;
  if (!redisUrl) return new FlexibleLimiter("memory", (points, duration) => new RateLimiterMemory({ keyPrefix, points, duration }));
  const client = sharedRedis(redisUrl);
  return new FlexibleLimiter("redis", (points, duration) => new RateLimiterRedis({ storeClient: client, keyPrefix, points, duration }));
}
