import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";

// Provider health in Redis is shared by every instance: concurrent outcomes must all count. Each instance is a
// process of its own here (its own Redis connections, its own module state), all reporting the same provider.
const redisUrl = process.env.TEST_REDIS_URL;
const prefix = `test-health-${randomBytes(4).toString("hex")}`;

/** One "instance": records `count` vendor faults at once, concurrently, through lib/routing/health-store. */
function instance(count: number): Promise<void> {
  const script = `(async () => {
    const { recordOutcome } = await import("./lib/routing/health-store.ts");
    const { sharedRedis } = await import("./lib/redis.ts");
    await Promise.all(Array.from({ length: ${count} }, () => recordOutcome("live:kling", false)));
    sharedRedis(process.env.REDIS_URL).disconnect();
  })().catch((error) => { console.error(error); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    // tsx's own CLI under this Node, not `npx tsx`: npx is another Node process first (~1 CPU-s of ~2.2 a start).
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--eval", script], {
      env: { ...process.env, REDIS_URL: redisUrl, DOITONG_REDIS_PREFIX: prefix, DOITONG_LOG_LEVEL: "warn" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`instance exited with ${code}`))));
  });
}

describe.runIf(redisUrl)("provider health in Redis", () => {
  process.env.REDIS_URL = redisUrl;
  process.env.DOITONG_REDIS_PREFIX = prefix;

  afterAll(async () => {
    const { sharedRedis } = await import("@/lib/redis");
    const redis = sharedRedis(redisUrl!);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it("loses no outcome when many arrive at once, in one process and from several", async () => {
    const { providerHealth, recordOutcome } = await import("@/lib/routing/health-store");
    // 25 at once here, and 25 from each of two other processes, all while these run.
    await Promise.all([instance(25), instance(25), Promise.all(Array.from({ length: 25 }, () => recordOutcome("live:kling", false)))]);
    const health = await providerHealth("live:kling");
    // Every fault counted: the circuit knows of 75 in a row (with a WATCH on the shared connection, some were lost).
    expect(health.consecutiveFaults).toBe(75);
    expect(health.state).toBe("open");
  });

  it("shows routing this instance's own outcomes at once, however recent its copy", async () => {
    const { HEALTH_READ_MS, providerHealths, recordOutcome } = await import("@/lib/routing/health-store");
    const ranking = async () => (await providerHealths(["live:runway"], Date.now(), { maxAgeMs: HEALTH_READ_MS }))[0];
    expect((await ranking()).consecutiveFaults).toBe(0);
    await recordOutcome("live:runway", false);
    expect((await ranking()).consecutiveFaults).toBe(1);
    await recordOutcome("live:runway", true);
    expect((await ranking()).consecutiveFaults).toBe(0);
  });
});
