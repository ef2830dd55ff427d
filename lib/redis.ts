import { Redis } from "ioredis";

const holder = globalThis as unknown as { __doitongRedis?: Map<string, Redis> };

/**
 * One Redis connection per URL for this process (rate limits, provider health). Commands fail fast when Redis
 * is down instead of queueing, so callers can decide how to degrade.
 */
export function sharedRedis(url: string): Redis {
  const clients = (holder.__doitongRedis ??= new Map());
  let client = clients.get(url);
  if (!client) {
    client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    client.on("error", () => undefined); // surfaced per command
    clients.set(url, client);
  }
  return client;
}

export const redisPrefix = () => process.env.DOITONG_REDIS_PREFIX ?? "doitong";
