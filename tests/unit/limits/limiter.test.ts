import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { capturedLogger } from "../../helpers/log-capture";
import { freePort } from "../../helpers/server";
import { createLimiter, DEGRADED_NOTICE, type Limiter, RedisWithFallback } from "@/lib/limits/limiter";
import { sharedRedis } from "@/lib/redis";

// Per-minute limits when Redis is unavailable: still enforced (per instance), said in the result, logged once.
const urls: string[] = [];
afterAll(() => {
  for (const url of urls) sharedRedis(url).disconnect();
});

async function consumeTimes(limiter: Limiter, key: string, n: number) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await limiter.consume(key, 1, 10, 60));
  return results;
}

describe("Redis limiter, failing safe", () => {
  it("keeps counting in memory when Redis refuses connections, and says so", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    urls.push(url);
    const { log, lines } = capturedLogger();
    const limiter = createLimiter(url, { log });
    const started = Date.now();
    const results = await consumeTimes(limiter, `k-${randomBytes(4).toString("hex")}`, 12);
    expect(results.map((r) => r.allowed)).toEqual([...Array(10).fill(true), false, false]);
    expect(results.every((r) => r.degraded === DEGRADED_NOTICE)).toBe(true);
    expect(results[9].remaining).toBe(0);
    // Only the first request waits for Redis to fail; the rest go straight to memory for a while.
    expect(Date.now() - started).toBeLessThan(3_000);
    // Twelve requests, one outage: one error line.
    expect(lines().filter((l) => l.level === 50 && l.msg.includes("Redis for per-minute limits"))).toHaveLength(1);
  });

  it("times out a Redis that hangs, then tries it again after the retry interval and logs the recovery", async () => {
    let hang = true;
    const shared: Limiter = {
      kind: "redis",
      consume: (_k, _p, limit) => (hang ? new Promise(() => undefined) : Promise.resolve({ allowed: true, limit, remaining: limit - 1, resetSeconds: 60 })),
    };
    const memory = createLimiter(undefined);
    const { log, lines } = capturedLogger();
    const limiter = new RedisWithFallback(shared, memory, { timeoutMs: 50, retryMs: 100, log });
    expect((await limiter.consume("a", 1, 5, 60)).degraded).toBe(DEGRADED_NOTICE);
    expect((await limiter.consume("a", 1, 5, 60)).remaining).toBe(3); // the memory window kept counting
    hang = false;
    await new Promise((r) => setTimeout(r, 120));
    expect(await limiter.consume("a", 1, 5, 60)).toEqual({ allowed: true, limit: 5, remaining: 4, resetSeconds: 60 });
    expect(lines().map((l) => l.msg)).toEqual([expect.stringContaining("failed; retrying"), expect.stringContaining("recovered")]);
  });

  it.runIf(process.env.TEST_REDIS_URL)("shares one window through a live Redis, without the notice", async () => {
    const url = process.env.TEST_REDIS_URL!;
    urls.push(url);
    const key = `k-${randomBytes(4).toString("hex")}`;
    const [a, b] = [createLimiter(url), createLimiter(url)];
    const results = [...(await consumeTimes(a, key, 6)), ...(await consumeTimes(b, key, 6))];
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.some((r) => r.degraded)).toBe(false);
  });
});
