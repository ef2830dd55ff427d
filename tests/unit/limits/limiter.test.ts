import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { capturedLogger } from "../../helpers/log-capture";
import { freePort } from "../../helpers/server";
import { Redis } from "ioredis";
import { createLimiter, DEGRADED_NOTICE, LeasingLimiter, type Limiter, RedisWithFallback } from "@/lib/limits/limiter";
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

// High limits are leased from Redis a batch at a time (LeasingLimiter): never more than the limit in a window, with
// a Redis round trip every few requests. Each "instance" here has its own limiter and its own Redis connection.
describe.runIf(process.env.TEST_REDIS_URL)("Redis limiter, leased for high limits", () => {
  const clients: Redis[] = [];
  afterAll(() => {
    for (const client of clients) client.disconnect();
  });

  /** An instance's limiter, and how many times it asked Redis to lease. */
  function instance(prefix = `test-${randomBytes(4).toString("hex")}`) {
    const client = new Redis(process.env.TEST_REDIS_URL!);
    clients.push(client);
    let leases = 0;
    const evaluate = client.eval.bind(client);
    client.eval = ((...args: Parameters<typeof evaluate>) => {
      leases += 1;
      return evaluate(...args);
    }) as typeof client.eval;
    const exact = createLimiter(undefined); // unused above LEASE_FROM; counts in memory below it
    return { limiter: new LeasingLimiter(exact, client, prefix), leases: () => leases };
  }
  const key = () => `lease-${randomBytes(4).toString("hex")}`;

  it("counts down one at a time on one instance, with a Redis call every ten requests at 1,000 a minute", async () => {
    const { limiter, leases } = instance();
    const k = key();
    const remaining: number[] = [];
    for (let i = 0; i < 30; i++) remaining.push((await limiter.consume(k, 1, 1000, 60)).remaining);
    expect(remaining).toEqual(Array.from({ length: 30 }, (_, i) => 999 - i));
    expect(leases()).toBe(3);
    // A document of three generate fields counts three.
    expect((await limiter.consume(k, 3, 1000, 60)).remaining).toBe(967);
  });

  it("grants exactly the limit across two instances sharing a window while requests keep reaching both", async () => {
    // Both on one counter: the same prefix.
    const prefix = `test-${randomBytes(4).toString("hex")}`;
    const [one, two] = [instance(prefix).limiter, instance(prefix).limiter];
    const k = key();
    // 1,300 requests, 50 at a time on each instance: the limit is 1,000 a minute.
    const answers: boolean[] = [];
    for (let round = 0; round < 13; round++) {
      const batch = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? one : two).consume(k, 1, 1000, 60)));
      answers.push(...batch.map((r) => r.allowed));
    }
    expect(answers.filter(Boolean)).toHaveLength(1000);
    expect(answers.slice(0, 1000).every(Boolean)).toBe(true);
  });

  it("refuses once the window is spent and grants again when it resets", async () => {
    const { limiter } = instance();
    const k = key();
    const first = await Promise.all(Array.from({ length: 205 }, () => limiter.consume(k, 1, 200, 1)));
    expect(first.filter((r) => r.allowed)).toHaveLength(200);
    expect(first.filter((r) => !r.allowed).every((r) => r.remaining === 0 && r.resetSeconds === 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await limiter.consume(k, 1, 200, 1)).toMatchObject({ allowed: true, remaining: 199 });
  });
});
