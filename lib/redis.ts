import { Redis } from "ioredis";
import { processSingleton } from "./process-singleton";
import { env } from "./env";

/**
 * One Redis connection per URL for this process (rate limits, provider health). Commands fail fast when Redis
 * is down instead of queueing, so callers can decide how to degrade.
 */
export function sharedRedis(url: string): Redis {
  const clients = processSingleton("redis", () => new Map<string, Redis>());
  let client = clients.get(url);
  if (!client) {
    client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    client.on("error", () => undefined); // surfaced per command
    clients.set(url, client);
  }
  return client;
}

export const redisPrefix = () => env().DOITONG_REDIS_PREFIX;
