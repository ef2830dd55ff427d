import { afterAll, describe, expect, it } from "vitest";

// A vendor callback received by one instance must wake the follower on another: with REDIS_URL the wake-up goes
// through Redis pub/sub (notify never wakes locally then, so a resolved wait proves the round trip).
const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)("vendor callback wake-ups through Redis", () => {
  afterAll(() => {
    delete process.env.REDIS_URL;
  });

  it("a notify published on Redis wakes a waiting follower long before its poll interval", async () => {
    process.env.REDIS_URL = redisUrl;
    process.env.DOITONG_REDIS_PREFIX = `test-${process.pid}`;
    const { notifyCallback, waitForCallback } = await import("@/lib/dispatch/callback-signal");
    const id = `gen_${Math.random().toString(36).slice(2)}`;
    const started = Date.now();
    const waiting = waitForCallback(id, 30_000, new AbortController().signal);
    await new Promise((r) => setTimeout(r, 200)); // the subscription is established
    notifyCallback(id);
    await waiting;
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("keeps a callback that arrives between polls for the follower's next wait", async () => {
    const { notifyCallback, waitForCallback } = await import("@/lib/dispatch/callback-signal");
    const id = `gen_${Math.random().toString(36).slice(2)}`;
    notifyCallback(id);
    await new Promise((r) => setTimeout(r, 300)); // delivered while nobody waits
    const started = Date.now();
    await waitForCallback(id, 30_000, new AbortController().signal);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
